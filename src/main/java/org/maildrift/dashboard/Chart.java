package org.maildrift.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import org.maildrift.checks.RunSummary;

/** Findings per run over time, as SVG polylines computed on the server (no script needed). */
record Chart(int width, int height, int max, List<Series> series, String firstLabel, String lastLabel) {

    static final int WIDTH = 640;
    static final int HEIGHT = 140;

    record Series(String name, String css, String points) {
    }

    static Chart of(List<RunSummary> runs) {
        List<RunSummary> done = runs.stream().filter(RunSummary::completed).toList();
        int max = Math.max(1, done.stream().mapToInt(r -> r.critical() + r.warning() + r.notice()).max().orElse(1));
        List<Series> series = new ArrayList<>();
        series.add(new Series("critical", "critical", points(done, RunSummary::critical, max)));
        series.add(new Series("warning", "warning", points(done, RunSummary::warning, max)));
        series.add(new Series("notice", "notice", points(done, RunSummary::notice, max)));
        String first = done.isEmpty() ? "" : done.get(0).startedAt().toString();
        String last = done.isEmpty() ? "" : done.get(done.size() - 1).startedAt().toString();
        return new Chart(WIDTH, HEIGHT, max, series, first, last);
    }

    private static String points(List<RunSummary> runs, ToIntFunction<RunSummary> value, int max) {
        StringBuilder sb = new StringBuilder();
        int n = runs.size();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? WIDTH / 2.0 : 10 + i * (WIDTH - 20.0) / (n - 1);
            double y = HEIGHT - 10 - value.applyAsInt(runs.get(i)) * (HEIGHT - 20.0) / max;
            sb.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return sb.toString().trim();
    }

    public boolean empty() {
        return series.get(0).points().isEmpty();
    }
}
