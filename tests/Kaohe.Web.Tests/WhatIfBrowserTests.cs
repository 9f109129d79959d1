using System.Text.Json;
using Kaohe.Data;
using Kaohe.Data.Cycles;
using Kaohe.Data.Tests.Cycles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kaohe.Web.Tests;

/// <summary>
/// 目标测算 in the browser (issue 14): 员工甲 opens the released result, asks what churn rate gives 18 points (typed with
/// full-width digits) and reads the answer kaohe whatif gives; a target above the item's points is refused at the field.
/// The rater finds the same panel on the form. Screenshot: whatif.png.
/// </summary>
public abstract class WhatIfBrowserTests(DatabaseProvider provider) : BrowserSession(provider)
{
    private int _subject;
    private int _form;

    protected override void Seed(KaoheDatabase database)
    {
        TinyCompany.Create(database);
        using var db = database.CreateContext();
        Actor As(string user) => Actor.Of(db.Accounts.AsNoTracking().Single(a => a.UserName == user));
        new SchemeStore(db).Save(As("hr"), WhatIfTests.Yaml);
        var cycles = new CycleService(db, _host.Clock);
        var id = cycles.Open(As("hr"), new OpenCycleRequest("流失测算", "2026-10", Subjects: ["E11"]));
        var form = db.RatingForms.AsNoTracking().Single(f => db.CycleSubjects.Any(s => s.Id == f.CycleSubjectId && s.CycleId == id));
        var inputs = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["客户流失率"] = new Dictionary<string, string> { ["value"] = "4%", ["baseline"] = "5%" },
            ["综合得分"] = "70",
        });
        cycles.Submit(As("rater1"), form.Id, new FormSave(inputs, null, form.Version));
        cycles.Release(As("hr"), id, new ReleaseRequest(db.Cycles.AsNoTracking().Single(c => c.Id == id).Version));
        (_subject, _form) = (form.CycleSubjectId, form.Id);
    }

    [Fact]
    public async Task An_appraisee_asks_the_result_page_what_churn_rate_gives_18_points()
    {
        var emp1 = await SignIn("emp1");
        await Go(emp1, $"/results/{_subject}");
        var panel = emp1.Locator("[data-testid=whatif]");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        // The only quantitative item is chosen already, with where it stands now.
        await Assertions.Expect(panel.Locator("[data-testid=whatif-current]")).ToContainTextAsync("本期 4%，得 16 分（本项分值 20 分）");

        await Field(emp1, "whatif-points").FillAsync("２５");
        await panel.Locator("[data-testid=whatif-ask]").ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync("目标得分应在 0 到 20 分之间");
        await Assertions.Expect(panel.Locator("[data-testid=whatif-answer]")).ToHaveCountAsync(0);

        await Field(emp1, "whatif-points").FillAsync("１８");
        await panel.Locator("[data-testid=whatif-ask]").ClickAsync();
        var sentence = panel.Locator("[data-testid=whatif-sentence]");
        await Assertions.Expect(sentence).ToContainTextAsync("要使“客户流失率”达到 18 分");
        await Assertions.Expect(sentence).ToContainTextAsync("≤ 2%");
        await Assertions.Expect(panel).Not.ToContainTextAsync("0 到 20 分之间");
        await panel.ScrollIntoViewIfNeededAsync();
        // The panel on its own (docs/screenshots/whatif.png), and the result page around it.
        if (Environment.GetEnvironmentVariable("KAOHE_SCREENSHOTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await panel.ScreenshotAsync(new() { Path = Path.Combine(dir, "whatif.png") });
        }
        await Shot(emp1, "whatif-result");

        // The rater finds the same question on the form, answered from the form's values.
        var rater1 = await SignIn("rater1");
        await Go(rater1, $"/forms/{_form}");
        var onForm = rater1.Locator("[data-testid=whatif]");
        await Field(rater1, "whatif-points").FillAsync("18");
        await onForm.Locator("[data-testid=whatif-ask]").ClickAsync();
        await Assertions.Expect(onForm.Locator("[data-testid=whatif-sentence]")).ToContainTextAsync("≤ 2%");
    }
}

public sealed class SqliteWhatIfBrowserTests() : WhatIfBrowserTests(DatabaseProvider.Sqlite);
