package io.memoflow.draft;

/**
 * The Markdown text memoflow read from a document (Word, OpenDocument, HTML, PDF).
 *
 * @param markdown   the text, front matter (typed as the document's first lines) included
 * @param titleHint  the title the document itself gives (Word's "title" property, HTML's
 *                   {@code <title>}, else its first heading), used when the front matter has none; or null
 * @param language   the language the document declares (HTML {@code lang}), or null
 * @param format     what it was read from: docx, odt, html, pdf
 */
record DocumentText(String markdown, String titleHint, String language, String format) {
}
