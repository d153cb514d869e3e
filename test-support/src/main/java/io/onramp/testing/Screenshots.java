package io.onramp.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * A page as a person sees it, against its approved screenshot: same size, at most a small share of the
 * pixels visibly different (anti-aliasing and font hinting move a few). A different page leaves
 * {@code <name>-diff.png} beside the screenshot (changed pixels red); when the change is wanted,
 * {@code -Donramp.screenshots.approve=true} makes the new screenshot the approved one.
 */
public final class Screenshots {

  /** The share of pixels that may differ: 0.5 %. */
  public static final double MAX_CHANGED_SHARE = 0.005;

  private Screenshots() {}

  /** Fails unless {@code screenshot} looks like {@code approved}; returns the image for further checks. */
  public static BufferedImage assertLooksApproved(Path screenshot, Path approved) throws IOException {
    BufferedImage now = ImageIO.read(screenshot.toFile());
    if (colours(now) < 20) {
      throw new AssertionError(screenshot + " is a blank page, not a drawn one");
    }
    if (Boolean.getBoolean("onramp.screenshots.approve") || !Files.exists(approved)) {
      Files.createDirectories(approved.toAbsolutePath().getParent());
      Files.copy(screenshot, approved, StandardCopyOption.REPLACE_EXISTING);
      throw new AssertionError("approved screenshot written to " + approved + ": look at it, commit it, and run the test again");
    }
    BufferedImage before = ImageIO.read(approved.toFile());
    if (now.getWidth() != before.getWidth() || now.getHeight() != before.getHeight()) {
      throw new AssertionError("%s is %dx%d, the approved %s is %dx%d".formatted(screenshot, now.getWidth(), now.getHeight(), approved,
          before.getWidth(), before.getHeight()));
    }
    BufferedImage diff = new BufferedImage(before.getWidth(), before.getHeight(), BufferedImage.TYPE_INT_RGB);
    long changed = 0;
    for (int y = 0; y < before.getHeight(); y++) {
      for (int x = 0; x < before.getWidth(); x++) {
        int a = now.getRGB(x, y);
        int b = before.getRGB(x, y);
        boolean differs = channelDistance(a, b) > 48;
        changed += differs ? 1 : 0;
        diff.setRGB(x, y, differs ? 0xFF0000 : (b & 0xFEFEFE) >> 1 | 0x808080);   // unchanged: faded
      }
    }
    double share = (double) changed / ((long) before.getWidth() * before.getHeight());
    if (share > MAX_CHANGED_SHARE) {
      String name = screenshot.getFileName().toString().replaceFirst("\\.png$", "");
      Path diffFile = screenshot.resolveSibling(name + "-diff.png");
      ImageIO.write(diff, "png", diffFile.toFile());
      throw new AssertionError("%s differs from the approved %s in %.2f %% of its pixels (see %s)"
          .formatted(screenshot, approved, 100 * share, diffFile.toAbsolutePath()));
    }
    return now;
  }

  private static int channelDistance(int a, int b) {
    int max = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      max = Math.max(max, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
    }
    return max;
  }

  private static long colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
