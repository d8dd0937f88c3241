package io.memoflow.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/**
 * An image (the letterhead) prepared once for embedding: JPEG data as it is (DCTDecode), any
 * other format ImageIO reads (PNG, GIF, BMP) as deflated RGB with a soft mask for transparency.
 * Immutable; shared by all renders.
 */
final class ImageResource {

    final int width;
    final int height;
    /** The image XObject's dictionary entries (without /Length), and its encoded data. */
    final String dictionary;
    final byte[] data;
    /** Soft mask (alpha), deflated gray; null when the image is opaque. */
    final byte[] alpha;

    private ImageResource(int width, int height, String dictionary, byte[] data, byte[] alpha) {
        this.width = width;
        this.height = height;
        this.dictionary = dictionary;
        this.data = data;
        this.alpha = alpha;
    }

    static ImageResource load(byte[] bytes, String label) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The image " + label + " could not be read (" + e.getMessage()
                    + "). Give a PNG or JPEG file.", e);
        }
        if (image == null) {
            throw new IllegalArgumentException("The image " + label + " is not in a format memoflow can read. Give a PNG or JPEG file.");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8;
        int components = image.getColorModel().getNumColorComponents();
        if (jpeg && (components == 3 || components == 1)) {
            String cs = components == 3 ? "/DeviceRGB" : "/DeviceGray";
            return new ImageResource(w, h, "/Type /XObject /Subtype /Image /Width " + w + " /Height " + h
                    + " /ColorSpace " + cs + " /BitsPerComponent 8 /Filter /DCTDecode", bytes.clone(), null);
        }
        byte[] rgb = new byte[w * h * 3];
        byte[] a = new byte[w * h];
        boolean transparent = false;
        int p = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                rgb[3 * p] = (byte) (argb >> 16);
                rgb[3 * p + 1] = (byte) (argb >> 8);
                rgb[3 * p + 2] = (byte) argb;
                a[p] = (byte) (argb >>> 24);
                transparent |= (argb >>> 24) != 0xFF;
                p++;
            }
        }
        return new ImageResource(w, h, "/Type /XObject /Subtype /Image /Width " + w + " /Height " + h
                + " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode", deflate(rgb), transparent ? deflate(a) : null);
    }

    private static byte[] deflate(byte[] raw) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(9);
        try (DeflaterOutputStream out = new DeflaterOutputStream(bos, deflater)) {
            out.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            deflater.end();
        }
        return bos.toByteArray();
    }
}
