package io.memoflow.document;

/**
 * Where a party's signature block sits on the signature page, so that the visible signature
 * lands exactly there. Coordinates are PDF user space points on that page, origin at the
 * bottom left corner.
 *
 * @param partyIndex index of the party in {@link MemoDocument#parties()}
 * @param pageIndex  0-based index of the page
 */
public record SignatureBox(int partyIndex, int pageIndex, float x, float y, float width, float height) {
}
