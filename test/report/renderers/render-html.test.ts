import { cloneScenario, WORKED_EXAMPLE } from "../../../src/model/economics/scenario";
import { ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildComparisonPlan, buildReportPlan } from "../../../src/report/plans/report-plan";
import { renderPlanToHtml } from "../../../src/report/renderers/render-html";

const date = new Date(2025, 0, 15);

describe("renderPlanToHtml", () => {
  it("shows the model's values where the sheet has formulas, with the formula as a tooltip", () => {
    const html = renderPlanToHtml(
      buildReportPlan(WORKED_EXAMPLE, { labels: ENGLISH_REPORT_LABELS, date })
    );
    expect(html).toContain("705,000.00 ₽");
    expect(html).toContain("22,850.00 ₽");
    expect(html).toContain("5.91%");
    expect(html).toContain("2025-01-15");
    expect(html).toContain('title="&#61;D22-D23"'.replace("&#61;", "="));
    expect(html.match(/<tr>/g)!.length).toBe(1 + 48);
  });

  it("escapes every piece of user text", () => {
    const s = cloneScenario(WORKED_EXAMPLE);
    s.name = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    s.currency = "RUB";
    const html = renderPlanToHtml(buildReportPlan(s, { labels: ENGLISH_REPORT_LABELS, date }));
    const compare = renderPlanToHtml(buildComparisonPlan([s], ENGLISH_REPORT_LABELS));
    for (const out of [html, compare]) {
      expect(out).not.toContain("<script");
      expect(out).not.toContain("<img");
      expect(out).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
    }
  });
});
