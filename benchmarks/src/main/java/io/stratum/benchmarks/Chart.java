package io.stratum.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The chart of docs/benchmarks.md, drawn with Java2D: left, every comparison's ratio Stratum / JDBC
 * with its target; right, claim latency against the number of flow runs (log scale), per dialect.
 */
final class Chart {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 640;
    private static final Color POSTGRES = new Color(0x33, 0x67, 0x91);
    private static final Color SQLITE = new Color(0x4d, 0x9a, 0x5b);

    private Chart() {
    }

    static void write(Path file, List<Comparison> comparisons, List<GrowthBenchmark.Point> growth) throws IOException {
        // Taller when there are many ratios (the run lifecycle adds a row per ratio and mode), so rows stay legible.
        int height = Math.max(HEIGHT, 160 + comparisons.size() * 22);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        ratios(g, comparisons, 20, 20, 820, height - 40);
        growth(g, growth, 880, 20, WIDTH - 900, Math.min(height, HEIGHT) - 40);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void ratios(Graphics2D g, List<Comparison> rows, int x, int y, int width, int height) {
        title(g, "Throughput ratio Stratum / hand-written JDBC (same process, same statements)", x, y);
        int labelWidth = 370;
        int top = y + 40;
        int barArea = width - labelWidth - 20;
        double max = Math.max(1.4, Math.ceil(rows.stream().mapToDouble(Comparison::ratio).max().orElse(1) * 5 + 0.5) / 5);
        int rowHeight = rows.isEmpty() ? 20 : Math.min(30, (height - 80) / rows.size());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < rows.size(); i++) {
            Comparison row = rows.get(i);
            int rowY = top + i * rowHeight;
            g.setColor(Color.DARK_GRAY);
            String label = label(row);
            g.drawString(label.length() > 56 ? label.substring(0, 55) + "…" : label, x, rowY + rowHeight - 10);
            int barWidth = (int) (Math.min(row.ratio(), max) / max * barArea);
            g.setColor(row.dialect().equals("postgresql") ? POSTGRES : SQLITE);
            g.fillRect(x + labelWidth, rowY + 4, barWidth, rowHeight - 8);
            g.setColor(row.meetsTarget() ? Color.DARK_GRAY : Color.RED);
            g.drawString(String.format("%.2f×", row.ratio()), x + labelWidth + barWidth + 4, rowY + rowHeight - 10);
            int targetX = x + labelWidth + (int) (row.target() / max * barArea);
            g.setColor(Color.RED);
            g.setStroke(new BasicStroke(2));
            g.drawLine(targetX, rowY + 2, targetX, rowY + rowHeight - 2);
        }
        int bottom = top + rows.size() * rowHeight + 6;
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1));
        for (double tick = 0; tick <= max + 1e-9; tick += 0.2) {
            int tickX = x + labelWidth + (int) (tick / max * barArea);
            g.drawLine(tickX, bottom, tickX, bottom + 5);
            g.drawString(String.format("%.1f", tick), tickX - 8, bottom + 18);
        }
        g.drawLine(x + labelWidth, bottom, x + labelWidth + barArea, bottom);
        g.setColor(Color.RED);
        g.drawString("red marks: target (0.8×; log ingestion 0.9×; lifecycle vs db-scheduler 0.3×)", x + labelWidth, bottom + 36);
        legend(g, x, bottom + 36);
    }

    /** A bar's label; the run lifecycle's are long (contestant, what it is held to, mode), so they are shortened. */
    private static String label(Comparison row) {
        if (row.section().equals("Run lifecycle")) {
            return row.dialect() + " · lifecycle " + row.label().replace(" floor", "");
        }
        return row.dialect() + " · " + row.section() + " · " + row.label();
    }

    private static void growth(Graphics2D g, List<GrowthBenchmark.Point> points, int x, int y, int width, int height) {
        title(g, "Claim latency (median ms) vs flow runs in the table", x, y);
        int left = x + 50;
        int top = y + 40;
        int plotWidth = width - 70;
        int plotHeight = height - 120;
        double maxMs = points.stream().mapToDouble(GrowthBenchmark.Point::claimStratum).max().orElse(1) * 1.3;
        double minSize = points.stream().mapToLong(GrowthBenchmark.Point::runs).min().orElse(1);
        double maxSize = points.stream().mapToLong(GrowthBenchmark.Point::runs).max().orElse(10);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, plotWidth, plotHeight);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 4; i++) {
            double ms = maxMs * i / 4;
            int tickY = top + plotHeight - (int) (plotHeight * i / 4.0);
            g.drawString(String.format("%.1f", ms), x, tickY + 4);
        }
        for (String dialect : List.of("postgresql", "sqlite")) {
            List<GrowthBenchmark.Point> series = points.stream().filter(p -> p.dialect().equals(dialect)).toList();
            g.setColor(dialect.equals("postgresql") ? POSTGRES : SQLITE);
            g.setStroke(new BasicStroke(2.5f));
            int previousX = -1;
            int previousY = -1;
            for (GrowthBenchmark.Point point : series) {
                double fraction = maxSize == minSize ? 0.5
                        : Math.log(point.runs() / minSize) / Math.log(maxSize / minSize);
                int pointX = left + 20 + (int) (fraction * (plotWidth - 40));
                int pointY = top + plotHeight - (int) (point.claimStratum() / maxMs * plotHeight);
                g.fillOval(pointX - 4, pointY - 4, 8, 8);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, pointX, pointY);
                }
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format("%,d", point.runs()), pointX - 25, top + plotHeight + 18);
                g.setColor(dialect.equals("postgresql") ? POSTGRES : SQLITE);
                previousX = pointX;
                previousY = pointY;
            }
        }
        legend(g, left, top + plotHeight + 36);
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(POSTGRES);
        g.fillRect(x, y + 10, 12, 12);
        g.setColor(Color.DARK_GRAY);
        g.drawString("PostgreSQL", x + 18, y + 21);
        g.setColor(SQLITE);
        g.fillRect(x + 110, y + 10, 12, 12);
        g.setColor(Color.DARK_GRAY);
        g.drawString("SQLite", x + 128, y + 21);
    }

    private static void title(Graphics2D g, String text, int x, int y) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(text, x, y + 16);
    }
}
