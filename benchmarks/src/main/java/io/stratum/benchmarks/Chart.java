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
 * with its target; right, claim latency against the number of flow runs (log scale), per dialect, and
 * below it the run lifecycle's runs/s per contestant in each mode (db-scheduler, the floors, Stratum).
 */
final class Chart {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 640;
    private static final Color POSTGRES = new Color(0x33, 0x67, 0x91);
    private static final Color SQLITE = new Color(0x4d, 0x9a, 0x5b);
    private static final Color PEER = new Color(0x99, 0x99, 0x99);
    private static final int LIFECYCLE_TOP = HEIGHT + 20;
    private static final int LIFECYCLE_ROW = 18;

    private Chart() {
    }

    static void write(Path file, List<Comparison> comparisons, List<GrowthBenchmark.Point> growth,
                      List<LifecycleBenchmark.Result> lifecycle) throws IOException {
        // Taller when there are many ratios (the run lifecycle adds a row per ratio and mode), so rows stay legible,
        // and when the lifecycle's panel below the claim latency needs the room.
        int lifecycleRows = lifecycle.stream().mapToInt(result -> result.rows().size() + 1).sum();
        int height = Math.max(HEIGHT, 200 + comparisons.size() * 22);
        if (!lifecycle.isEmpty()) {
            height = Math.max(height, LIFECYCLE_TOP + 120 + lifecycleRows * LIFECYCLE_ROW);
        }
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        ratios(g, comparisons, 20, 20, 820, height - 40);
        growth(g, growth, 880, 20, WIDTH - 900, HEIGHT - 40);
        if (!lifecycle.isEmpty()) {
            lifecycle(g, lifecycle, 880, LIFECYCLE_TOP, WIDTH - 900);
        }
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
        g.drawString("red marks: target (0.8×; SQLite claims and transitions, log ingestion 0.9×; transitions vs "
                + "their former path 1.3×; lifecycle vs db-scheduler 0.3×)", x, bottom + 76);
        legend(g, x, bottom + 36);
    }

    /** A bar's label; the run lifecycle's are long (contestant, what it is held to, mode), so they are shortened. */
    private static String label(Comparison row) {
        if (row.section().equals("Run lifecycle")) {
            return row.dialect() + " · lifecycle " + row.label().replace(" floor", "");
        }
        if (row.section().equals(TransitionBenchmark.SECTION)) {
            return row.dialect() + " · transition · " + row.label()
                    .replace(", " + TransitionBenchmark.THREE_STATEMENTS, " / former path")
                    .replace(", " + TransitionBenchmark.ONE_STATEMENT, " / floor, 1 statement");
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

    /** Runs/s per contestant, a group per mode (database and commit setting or workers), one scale for all. */
    private static void lifecycle(Graphics2D g, List<LifecycleBenchmark.Result> results, int x, int y, int width) {
        title(g, "Run lifecycle: runs/s per contestant", x, y);
        int labelWidth = 200;
        int barArea = width - labelWidth - 70;
        double max = results.stream().flatMap(result -> result.rows().stream())
                .mapToDouble(LifecycleBenchmark.Row::runsPerSecond).max().orElse(1);
        int rowY = y + 36;
        for (LifecycleBenchmark.Result result : results) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            g.drawString(result.dialect() + ", " + result.mode(), x, rowY + LIFECYCLE_ROW - 5);
            rowY += LIFECYCLE_ROW;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (LifecycleBenchmark.Row row : result.rows()) {
                g.setColor(Color.DARK_GRAY);
                g.drawString(row.isStratum() ? row.contestant() : LifecycleBenchmark.shortName(row.contestant()), x + 10,
                        rowY + LIFECYCLE_ROW - 5);
                int barWidth = (int) (row.runsPerSecond() / max * barArea);
                Color dialect = result.dialect().equals("postgresql") ? POSTGRES : SQLITE;
                // Stratum in the database's colour, the hand-written floors lighter, the peer grey.
                g.setColor(row.isStratum() ? dialect : row.contestant().equals(LifecycleBenchmark.DB_SCHEDULER) ? PEER
                        : lighter(dialect));
                g.fillRect(x + labelWidth, rowY + 3, barWidth, LIFECYCLE_ROW - 6);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format("%,.0f", row.runsPerSecond()), x + labelWidth + barWidth + 4,
                        rowY + LIFECYCLE_ROW - 5);
                rowY += LIFECYCLE_ROW;
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("dark: Stratum · light: hand-written JDBC floors", x, rowY + 20);
        g.drawString("grey: db-scheduler (keeps no state history)", x, rowY + 38);
    }

    private static Color lighter(Color color) {
        return new Color((color.getRed() + 2 * 255) / 3, (color.getGreen() + 2 * 255) / 3, (color.getBlue() + 2 * 255) / 3);
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
