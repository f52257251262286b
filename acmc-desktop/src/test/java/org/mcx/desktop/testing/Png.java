package org.mcx.desktop.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes what a node shows to a PNG: {@code node.snapshot} on the FX thread (a robot capture does
 * not work headless), then the pixels through {@code javax.imageio} — no javafx-swing needed.
 */
public final class Png {
    private Png() {
    }

    /** Call on the FX thread. */
    public static WritableImage snapshot(Node node) {
        return node.snapshot(null, null);
    }

    public static void write(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }
}
