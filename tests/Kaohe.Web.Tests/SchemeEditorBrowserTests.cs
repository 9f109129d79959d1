using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

/// <summary>
/// Issue 11: HR builds a scheme in the paper-form editor — a section, an item graded by words and an item scored by bands,
/// a grade table — sees lint and the preview, tries it on a sample, saves it, opens a cycle with it, and a rater's form
/// shows the items; a template is copied as the start of an own scheme; the YAML editor numbers its lines and marks the
/// line an error cites.
/// </summary>
public abstract partial class BrowserTests
{
    /// <summary>Picks a choice of a MudSelect marked with data-testid (its input is hidden: the select around it is clicked) by its text.</summary>
    private static async Task Pick(IPage page, string testId, string choice)
    {
        await page.Locator(".mud-select").Filter(new() { Has = page.Locator($"input[data-testid={testId}]") }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = choice }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_scheme_is_built_in_the_editor_tried_saved_and_a_cycle_opened_with_it()
    {
        var hr = await SignIn("hr");
        await Go(hr, "/schemes");
        await hr.ClickAsync("[data-testid=new-scheme]");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/schemes/new$"));
        await Live(hr);

        // The header: nothing typed yet is an error at the field, in Chinese.
        await Assertions.Expect(hr.Locator("[data-testid=draft-status]")).ToBeVisibleAsync();
        await Field(hr, "scheme-name").FillAsync("客服专员月度考核表");
        await Field(hr, "scheme-id").FillAsync("MY-01");
        await Field(hr, "section-name-1").FillAsync("工作业绩");

        // Item 1: 服务态度, 40 points, graded by words (the default grades follow the points).
        await Field(hr, "item-name-1").FillAsync("服务态度");
        await Field(hr, "item-points-1").FillAsync("40");
        await Field(hr, "item-points-1").BlurAsync();
        await Pick(hr, "item-kind-1", "等级评分");
        var panel1 = hr.Locator("[data-testid=item-panel-1]");
        await Assertions.Expect(panel1.Locator("[data-testid=grade-options]")).ToBeVisibleAsync();
        await Assertions.Expect(Field(hr, "grade-points-1")).ToHaveValueAsync("40");
        await hr.ClickAsync("[data-testid=item-edit-1]"); // 收起

        // Item 2: 回访完成率, 60 points, by bands: ≥ 95% → 60, [80%, 95%) → 40, < 80% → 0.
        await hr.ClickAsync("[data-testid=add-item-1]");
        await Field(hr, "item-name-2").FillAsync("回访完成率");
        await Field(hr, "item-points-2").FillAsync("60");
        await Field(hr, "item-points-2").BlurAsync();
        await Pick(hr, "item-kind-2", "阈值分档");
        var panel2 = hr.Locator("[data-testid=item-panel-2]");
        await Field(hr, "band-from-1").FillAsync("95");
        await Field(hr, "band-points-1").FillAsync("60");
        await Field(hr, "band-from-2").FillAsync("80");
        // A slip: the middle band reaches 96%, over the first one — lint says so next to the item.
        await Field(hr, "band-to-2").FillAsync("96");
        await Field(hr, "band-points-2").FillAsync("40");
        await Field(hr, "band-to-3").FillAsync("80");
        await Field(hr, "band-to-3").BlurAsync();
        await Assertions.Expect(hr.Locator("[data-testid=item-finding-2]").First).ToContainTextAsync("重叠");
        await Assertions.Expect(hr.Locator("[data-testid=item-standard-2]")).ToContainTextAsync("≥ 95%");
        await Shot(hr, "scheme-editor");
        await Field(hr, "band-to-2").FillAsync("95");
        await Field(hr, "band-to-2").BlurAsync();
        await Assertions.Expect(hr.Locator("[data-testid=item-finding-2]")).ToHaveCountAsync(0);
        // Another kind picked by a slip and the bands picked again: the bands come back as they were.
        await Pick(hr, "item-kind-2", "人工打分");
        await Assertions.Expect(hr.Locator("[data-testid=item-standard-2]")).ToContainTextAsync("直接评定 0–60 分");
        await Pick(hr, "item-kind-2", "阈值分档");
        await Assertions.Expect(Field(hr, "band-from-1")).ToHaveValueAsync("95");
        await Assertions.Expect(hr.Locator("[data-testid=item-standard-2]")).ToContainTextAsync("≥ 95%");
        await Assertions.Expect(hr.Locator("[data-testid=draft-ok]")).ToBeVisibleAsync();
        await Assertions.Expect(hr.Locator("[data-testid=points-sum]")).ToContainTextAsync("各项分值合计 100 分");
        // Nothing the clerk sees names a rule id or a YAML field.
        var table = await hr.Locator("[data-testid=editor-table]").InnerTextAsync();
        Assert.DoesNotMatch(@"[A-Z]{2}-\d\d|sections\[|indicators\[|points:", table);

        // The grade table.
        await hr.GetByRole(AriaRole.Tab, new() { Name = "评分人·等级·奖金" }).ClickAsync();
        foreach (var (grade, min, k) in new[] { ("优秀", "90", 1), ("合格", "60", 2), ("不合格", "", 3) })
        {
            await hr.ClickAsync("[data-testid=add-grade]");
            await Field(hr, $"grade-name-{k}").FillAsync(grade);
            if (min.Length > 0) await Field(hr, $"grade-min-{k}").FillAsync(min);
        }
        await Field(hr, "grade-name-3").BlurAsync();

        // The paper form, as a rater will see it.
        await hr.GetByRole(AriaRole.Tab, new() { Name = "预览" }).ClickAsync();
        var preview = hr.Locator("[data-testid=preview] .paper-form");
        await Assertions.Expect(preview).ToContainTextAsync("客服专员月度考核表");
        await Assertions.Expect(preview).ToContainTextAsync("回访完成率");
        await Assertions.Expect(preview).ToContainTextAsync("优秀 ≥ 90 分");
        await Shot(hr, "scheme-editor-preview");

        // 试算 on one sample: 良好 (32) + 96% (60) = 92, 优秀.
        await hr.GetByRole(AriaRole.Tab, new() { Name = "试算" }).ClickAsync();
        await Field(hr, "trial-1-服务态度").FillAsync("良好");
        await Field(hr, "trial-1-回访完成率").FillAsync("96%");
        await Field(hr, "trial-2-服务态度").FillAsync("合格");
        await Field(hr, "trial-2-回访完成率").FillAsync("很高");
        await hr.ClickAsync("[data-testid=trial-run]");
        await Assertions.Expect(hr.Locator("[data-testid=trial-errors]")).ToContainTextAsync("很高");
        await Field(hr, "trial-2-回访完成率").FillAsync("85%");
        await hr.ClickAsync("[data-testid=trial-run]");
        await Assertions.Expect(hr.Locator("[data-testid=trial-total-1]")).ToContainTextAsync("92");
        await Assertions.Expect(hr.Locator("[data-testid=trial-grade-1]")).ToHaveTextAsync("优秀");
        await Assertions.Expect(hr.Locator("[data-testid=trial-total-2]")).ToContainTextAsync("64");
        await Assertions.Expect(hr.Locator("[data-testid=trial-score-2-1]")).ToContainTextAsync("≥ 95%");
        await Shot(hr, "scheme-editor-trial");

        // Saved as version 1 of MY-01.
        await hr.ClickAsync("[data-testid=save-draft]");
        await Assertions.Expect(hr.Locator("[data-testid=saved]")).ToContainTextAsync("MY-01 第 1 版");

        // A cycle on it for the two appraisees; the rater's form shows the two items.
        await Go(hr, "/cycles");
        await hr.ClickAsync("[data-testid=new-cycle]");
        await Pick(hr, "scheme", "MY-01 客服专员月度考核表");
        await Field(hr, "period").FillAsync("2026-10");
        await Field(hr, "subjects").FillAsync("E11 E12");
        await hr.ClickAsync("[data-testid=open]");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/cycles/\\d+$"));
        await Live(hr);
        await Assertions.Expect(hr.Locator("[data-testid=cycle-status]")).ToHaveTextAsync("评分中");

        var rater = await SignIn("rater1");
        await Go(rater, "/forms");
        await rater.Locator("[data-testid=tasks] tr", new() { HasText = "员工甲" }).GetByRole(AriaRole.Link, new() { Name = "填写" }).ClickAsync();
        await Live(rater);
        await Assertions.Expect(rater.Locator("input[data-indicator]")).ToHaveCountAsync(2);
        await Assertions.Expect(rater.Locator("input[data-indicator='服务态度']")).ToBeVisibleAsync();
        await Assertions.Expect(rater.GetByText("≥ 95%").First).ToBeVisibleAsync();
        // Raters do not edit schemes.
        await Go(rater, "/schemes/new");
        await Assertions.Expect(rater.Locator("[data-testid=denied]")).ToContainTextAsync("没有打开这个页面的权限");
        await Assertions.Expect(rater.Locator("[data-testid=editor-table]")).ToHaveCountAsync(0);

        // The saved scheme in YAML: numbered lines; an error names its line, marked in the gutter.
        await Go(hr, "/schemes/MY-01");
        await hr.GetByRole(AriaRole.Tab, new() { Name = "编辑 YAML" }).ClickAsync();
        var yaml = hr.Locator("textarea[data-testid=yaml]");
        var lines = (await yaml.InputValueAsync()).Split('\n').Length;
        await Assertions.Expect(hr.Locator("[data-testid=yaml-gutter]")).ToContainTextAsync(lines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var text = await yaml.InputValueAsync();
        await yaml.FillAsync(text.Replace("points: 60\n", "points: 六十\n", StringComparison.Ordinal));
        await hr.ClickAsync("[data-testid=check]");
        var error = hr.Locator("[data-testid=yaml-error]").First;
        await Assertions.Expect(error).ToContainTextAsync("行：");
        await Assertions.Expect(error).ToContainTextAsync("六十");
        var line = Regex.Match(await error.InnerTextAsync(), @"第 (\d+) 行").Groups[1].Value;
        await Assertions.Expect(hr.Locator("[data-testid=yaml-gutter] .mark").First).ToHaveTextAsync(line);
        await error.ClickAsync();
        await Shot(hr, "scheme-editor-yaml");

        // A template copied as the start of an own scheme: a new code, the template's items.
        await Go(hr, "/schemes/TPL-07");
        await hr.ClickAsync("[data-testid=copy-scheme]");
        await Assertions.Expect(hr).ToHaveURLAsync(new Regex("/schemes/new\\?from=TPL-07$"));
        await Live(hr);
        await Assertions.Expect(Field(hr, "scheme-id")).ToHaveValueAsync("MY-07");
        await Assertions.Expect(Field(hr, "item-name-1")).ToHaveValueAsync("客户关系的维护");
        await Assertions.Expect(hr.Locator("[data-testid=draft-ok]")).ToBeVisibleAsync();

        // The content security policy stopped nothing the editor does.
        lock (Log) Assert.DoesNotContain(Log, l => l.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
