using MiniExcelLibs;

namespace Kaohe.Cli.Tests;

/// <summary>An indicator's alias (scheme YAML <c>aliases</c>) names it in every input: JSON, CSV and XLSX.</summary>
public sealed class AliasInputTests : IDisposable
{
    private const string Scheme = """
        id: TEST-AL
        name: 别名测试表
        subject: person
        period: month
        raters:
          - { name: 自评, weight: 30% }
          - { name: 主管, weight: 70% }
        sections:
          - name: 业绩
            indicators:
              - name: 客户发展
                aliases: [客戶發展]
                points: 20
                manual: true
              - name: 服务质量
                aliases: [服務質量]
                points: 20
                raters: all
                manual: true
        """;

    private readonly CliFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private static string Totals(CliResult r)
    {
        Assert.True(r.ExitCode == 0, r.Err);
        return string.Join("|", r.Json().GetProperty("results").EnumerateArray().Select(x => x.GetProperty("subject").GetString() + ":" + x.GetProperty("total").GetDecimal()));
    }

    [Fact]
    public void Score_CsvWithAliasColumns_ReadsThemAsTheIndicators()
    {
        var csv = _fx.Write("in.csv", "对象,客戶發展,服務質量@自评,服务质量@主管\n张三,15,10,20\n");
        Assert.Equal("张三:32", Totals(CliFixture.Run("score", "-s", _fx.Scheme(Scheme), "-i", csv, "--format", "json")));
    }

    [Fact]
    public void Score_XlsxWithAliasColumns_ReadsThemAsTheIndicators()
    {
        var path = _fx.PathOf("in.xlsx");
        MiniExcel.SaveAs(path, new[] { new Dictionary<string, object> { ["对象"] = "张三", ["客戶發展"] = 15, ["服務質量@自评"] = 10, ["服務質量@主管"] = 20 } });
        Assert.Equal("张三:32", Totals(CliFixture.Run("score", "-s", _fx.Scheme(Scheme), "-i", path, "--format", "json")));
    }

    [Fact]
    public void Score_JsonWithAliasKeys_ReadsThemAsTheIndicators()
    {
        var json = _fx.Write("in.json", """
            { "subjects": [ { "name": "张三", "inputs": { "客戶發展": 15 }, "raters": { "自评": { "服務質量": 10 }, "主管": { "服务质量": 20 } } } ] }
            """);
        Assert.Equal("张三:32", Totals(CliFixture.Run("score", "-s", _fx.Scheme(Scheme), "-i", json, "--format", "json")));
    }

    [Fact]
    public void Score_NameAndAliasOfOneIndicator_IsRefused()
    {
        var csv = _fx.Write("both.csv", "对象,客户发展,客戶發展,服务质量@自评,服务质量@主管\n张三,15,16,10,20\n");
        var r = CliFixture.Run("score", "-s", _fx.Scheme(Scheme), "-i", csv, "--format", "json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("是同一指标“客户发展”", r.Err);

        var json = _fx.Write("both.json", """
            { "subjects": [ { "name": "张三", "inputs": { "客户发展": 15, "客戶發展": 16 }, "raters": { "自评": { "服务质量": 10 }, "主管": { "服务质量": 20 } } } ] }
            """);
        var j = CliFixture.Run("score", "-s", _fx.Scheme(Scheme), "-i", json, "--format", "json");
        Assert.Equal(2, j.ExitCode);
        Assert.Contains("别名", j.Err);
    }
}
