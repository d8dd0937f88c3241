package io.memoflow.document;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What makes memoflow's PDFs archival and declares them accessible: the XMP metadata packet
 * (PDF/A-3b identification, PDF/UA-1 identification with the extension schema PDF/A asks for,
 * title, description, language and dates equal to the information dictionary's) and the sRGB
 * output intent (the colour profile of the Java runtime, {@code ICC_Profile} CS_sRGB).
 */
final class PdfArchive {

    /** The identifier of the output condition of the sRGB output intent. */
    static final String SRGB = "sRGB IEC61966-2.1";

    private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private PdfArchive() {
    }

    /** The sRGB ICC profile (IEC 61966-2.1) of the Java runtime, for the output intent. */
    static byte[] srgbProfile() {
        return Holder.SRGB_PROFILE.clone();
    }

    private static final class Holder {
        static final byte[] SRGB_PROFILE = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    /**
     * The XMP packet of a memoflow PDF (UTF-8).
     *
     * @param subject  the information dictionary's /Subject, or empty
     * @param created  /CreationDate, or null when the PDF has none
     * @param modified /ModDate, or null when the PDF has none
     */
    static byte[] xmp(String title, String subject, String language, Instant created, Instant modified) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
                .append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"")
                .append(" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
                .append(" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"")
                .append(" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"")
                .append(" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"")
                .append(" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n")
                .append("<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n")
                .append("<pdfuaid:part>1</pdfuaid:part>\n")
                .append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(title))
                .append("</rdf:li></rdf:Alt></dc:title>\n");
        if (subject != null && !subject.isEmpty()) {
            sb.append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(subject))
                    .append("</rdf:li></rdf:Alt></dc:description>\n");
        }
        sb.append("<dc:language><rdf:Bag><rdf:li>").append(escape(language)).append("</rdf:li></rdf:Bag></dc:language>\n")
                .append("<dc:format>application/pdf</dc:format>\n")
                .append("<xmp:CreatorTool>memoflow</xmp:CreatorTool>\n<pdf:Producer>memoflow</pdf:Producer>\n");
        if (created != null) {
            sb.append("<xmp:CreateDate>").append(XMP_DATE.format(created)).append("</xmp:CreateDate>\n");
        }
        if (modified != null) {
            sb.append("<xmp:ModifyDate>").append(XMP_DATE.format(modified)).append("</xmp:ModifyDate>\n");
        }
        sb.append("<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n")
                .append("<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n")
                .append("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n")
                .append("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n")
                .append("<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n")
                .append("<pdfaProperty:name>part</pdfaProperty:name>\n")
                .append("<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n")
                .append("<pdfaProperty:category>internal</pdfaProperty:category>\n")
                .append("<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n")
                .append("</rdf:li></rdf:Seq></pdfaSchema:property>\n")
                .append("</rdf:li></rdf:Bag></pdfaExtension:schemas>\n")
                .append("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n");
        // room to rewrite the packet in place, as the XMP specification recommends
        for (int i = 0; i < 10; i++) {
            sb.append(" ".repeat(99)).append('\n');
        }
        sb.append("<?xpacket end=\"w\"?>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
