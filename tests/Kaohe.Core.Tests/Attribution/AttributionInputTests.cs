using Kaohe.Core.Attribution;
using Kaohe.Core.Inputs;
using Xunit;

namespace Kaohe.Core.Tests.Attribution;

/// <summary>Reading events and settings written with Chinese field names.</summary>
public sealed class AttributionInputTests
{
    private static EventFields Row(params (string Key, string Value)[] fields) =>
        new("第 2 行", fields.ToDictionary(f => f.Key, f => new RawScalar(f.Value)));

    private static (List<AttributionEvent> Events, List<string> Problems) Read(params EventFields[] rows)
    {
        var problems = new List<string>();
        return (AttributionInput.Read(rows, problems), problems);
    }

    [Theory]
    [InlineData("2026-03-01 10:02", 10, 2, true)]
    [InlineData("2026/3/1 10:02", 10, 2, true)]
    [InlineData("２０２６年３月１日 １０：０２", 10, 2, true)]
    [InlineData("2026-03-01T10:02:30", 10, 2, true)]
    [InlineData("2026-03-01", 0, 0, false)]
    public void Time_AcceptsWhatClerksWrite(string text, int hour, int minute, bool hasTime)
    {
        var (events, problems) = Read(Row(("类型", "来访"), ("客户", "王先生"), ("顾问", "张丽"), ("时间", text)));
        Assert.Empty(problems);
        var r = Assert.IsType<Reception>(Assert.Single(events));
        Assert.Equal((new DateTime(2026, 3, 1).AddHours(hour).AddMinutes(minute), hasTime), (r.At.AddSeconds(-r.At.Second), r.HasTime));
        Assert.Equal("第 2 行", r.Source);
    }

    [Fact]
    public void Reception_ReadsReferralAndNaming()
    {
        var (events, problems) = Read(Row(("类型", "接待"), ("客户", "新客"), ("顾问", "张丽"), ("时间", "2026-03-01 10:00"),
            ("介绍人", "老客"), ("陪同", "否"), ("电话预约备案", "是"), ("说出顾问", "张丽"), ("轮值位置", "3")));
        Assert.Empty(problems);
        var r = Assert.IsType<Reception>(Assert.Single(events));
        Assert.Equal(("老客", false, true, "张丽", "3"), (r.ReferredBy, r.Accompanied, r.ReservationFiled, r.NamedConsultant, r.RotaPosition));
        Assert.True(r.IsCountedReferral);
    }

    [Fact]
    public void Presence_WholeDayOrInterval()
    {
        var (events, problems) = Read(
            Row(("类型", "休息"), ("顾问", "张丽"), ("时间", "2026-03-01")),
            Row(("类型", "接待新客户"), ("顾问", "李强"), ("开始", "2026-03-01 09:00"), ("结束", "2026-03-01 11:30")),
            Row(("类型", "休息"), ("顾问", "王芳"), ("开始", "2026-03-01"), ("结束", "2026-03-03")));
        Assert.Empty(problems);
        var p = events.Cast<Presence>().ToList();
        Assert.Equal((PresenceKind.Resting, new DateTime(2026, 3, 1), new DateTime(2026, 3, 2)), (p[0].Kind, p[0].At, p[0].Until));
        Assert.Equal((PresenceKind.BusyWithNewCustomer, new DateTime(2026, 3, 1, 11, 30, 0)), (p[1].Kind, p[1].Until));
        Assert.Equal(new DateTime(2026, 3, 4), p[2].Until);   // an end by date is the whole of that day
    }

    [Fact]
    public void Deal_ReadsMoneyAsClerksWriteIt_AndGivesAnIdWhenNoneIsWritten()
    {
        var (events, problems) = Read(
            Row(("类型", "成交"), ("客户", "王先生"), ("顾问", "张丽"), ("时间", "2026-03-01"), ("提成金额", "¥10,000.00"), ("成交金额", "150万")));
        Assert.Empty(problems);
        var d = Assert.IsType<Deal>(Assert.Single(events));
        Assert.Equal((10000m, 1500000m, "王先生 2026-03-01"), (d.Commission, d.SaleAmount, d.Id));
    }

    [Theory]
    [InlineData("提成金额", "85%", "第 2 行（成交）“提成金额”：金额不能带单位“%”")]
    [InlineData("提成金额", "-5", "第 2 行（成交）“提成金额”：不能为负数")]
    [InlineData("提成金额", "", "第 2 行（成交）“提成金额”：不能为空")]
    [InlineData("时间", "3月1日", "第 2 行（成交）“时间”：“3月1日”不是日期或时间，请写成 2026-03-01 或 2026-03-01 10:02")]
    [InlineData("原因", "多余", "第 2 行（成交）“原因”：成交记录不用填这一项")]
    [InlineData("顾问", "\u0007", "第 2 行（成交）“顾问”：含有控制字符")]
    public void BadField_IsNamed(string field, string value, string message)
    {
        var fields = new Dictionary<string, string> { ["类型"] = "成交", ["客户"] = "王先生", ["顾问"] = "张丽", ["时间"] = "2026-03-01", ["提成金额"] = "100" };
        fields[field] = value;
        var (events, problems) = Read(Row([.. fields.Select(kv => (kv.Key, kv.Value))]));
        Assert.Empty(events);
        Assert.Equal([message], problems);
    }

    [Fact]
    public void BlankRow_IsSkipped_UnknownFieldAndKind_AreNamed()
    {
        var (events, problems) = Read(Row(("类型", ""), ("客户", " ")), Row(("类型", "飞行"), ("颜色", "红")));
        Assert.Empty(events);
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("第 2 行：未知的字段“颜色”", problems[0]);
        Assert.StartsWith("第 2 行：未知的类型“飞行”", problems[1]);
    }

    [Fact]
    public void Settings_ReadChineseKeys_AndRejectBadValues()
    {
        var problems = new List<string>();
        DateOnly? asOf = null;
        var s = AttributionSettingsInput.Read(
            [new("回访期限天数", new RawScalar("10天")), new("协助提成比例", new RawScalar("0.25", IsNumber: true)), new("说出名字优先于失效", new RawScalar("是")),
             new("截至日期", new RawScalar("2026-03-31"))],
            AttributionSettings.Default, "设置", problems, ref asOf);
        Assert.Empty(problems);
        Assert.Equal((10, 0.25m, true), (s.LapseDays, s.AssistShare, s.NamingOverridesLapse));
        Assert.Equal(new DateOnly(2026, 3, 31), asOf);

        AttributionSettingsInput.Read([new("回访期限天数", new RawScalar("7.5")), new("甩客罚款下限", new RawScalar("600"))],
            AttributionSettings.Default, "设置", problems, ref asOf);
        Assert.Equal(["设置“回访期限天数”：天数必须是整数", "设置：甩客罚款范围无效：下限不能为负，上限不能低于下限"], problems);
    }
}
