using Kaohe.Core.Model;
using Xunit;

namespace Kaohe.Schemes.Tests;

/// <summary>An indicator's aliases (other names an input may use): read, written back, and refused when ambiguous.</summary>
public sealed class AliasTests
{
    private const string Scheme = """
        id: X-02
        name: 网格表
        subject: person
        period: month
        sections:
          - name: 业绩
            indicators:
              - name: 客户发展
                aliases: [客戶發展, 发展量]
                points: 20
                manual: true
              - name: 服务质量
                aliases: 服務質量
                points: 20
                manual: true
        """;

    [Fact]
    public void Load_ReadsAListOrASingleAlias()
    {
        var r = SchemeLoader.Load(Scheme, "a.yaml");
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        Assert.Equal(["客戶發展", "发展量"], r.Scheme!.Indicators.First().Aliases.ToArray());
        Assert.Equal(["服務質量"], r.Scheme.Indicators.Last().Aliases.ToArray());
        Assert.Equal("客户发展", IndicatorKeys.Canonical(r.Scheme, "客戶發展"));
        Assert.Equal("不存在", IndicatorKeys.Canonical(r.Scheme, "不存在"));
    }

    [Fact]
    public void Write_KeepsTheAliases()
    {
        var scheme = SchemeLoader.Load(Scheme, "a.yaml").Scheme!;
        var yaml = SchemeYamlWriter.Write(scheme);
        Assert.Contains("aliases: [客戶發展, 发展量]", yaml);
        var again = SchemeLoader.Load(yaml, "written");
        Assert.True(again.IsSuccess, string.Join("\n", again.Errors));
        Assert.Equal(["客戶發展", "发展量"], again.Scheme!.Indicators.First().Aliases.ToArray());
        Assert.Equal(["服務質量"], again.Scheme.Indicators.Last().Aliases.ToArray());
    }

    [Theory]
    [InlineData("aliases: [客戶發展, 发展量]", "aliases: [客戶發展, 服务质量]", "与另一指标的名称相同")]
    [InlineData("aliases: 服務質量", "aliases: 客戶發展", "同时属于指标“客户发展”和“服务质量”")]
    [InlineData("aliases: 服務質量", "aliases: [客户发展]", "与另一指标的名称相同")]
    [InlineData("aliases: [客戶發展, 发展量]", "aliases: [客戶發展, 客戶發展]", "重复")]
    [InlineData("aliases: [客戶發展, 发展量]", "aliases: [客户发展, 发展量]", "与指标名称相同")]
    [InlineData("aliases: [客戶發展, 发展量]", "aliases: [\"\"]", "别名不能为空")]
    public void Load_RefusesAnAliasThatCouldNameTwoIndicators(string from, string to, string message)
    {
        var r = SchemeLoader.Load(Scheme.Replace(from, to), "a.yaml");
        Assert.False(r.IsSuccess);
        Assert.Contains(r.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }
}
