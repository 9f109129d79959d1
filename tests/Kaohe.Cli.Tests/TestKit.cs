using System.Text;
using System.Text.Json;
using Kaohe.Cli;

namespace Kaohe.Cli.Tests;

/// <summary>The outcome of one in-process run of <c>kaohe</c>.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    /// <summary>The non-empty lines of stderr.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Stdout parsed as JSON.</summary>
    public JsonElement Json() => JsonDocument.Parse(Out).RootElement.Clone();
}

/// <summary>Runs the command line in-process and gives each test its own temporary directory.</summary>
public sealed class CliFixture : IDisposable
{
    public CliFixture()
    {
        Dir = Path.Combine(Path.GetTempPath(), "kaohe-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    /// <summary>The test's directory.</summary>
    public string Dir { get; }

    /// <summary>A path inside the test's directory.</summary>
    public string PathOf(string name) => Path.Combine(Dir, name);

    /// <summary>Writes a UTF-8 file (without BOM unless asked) and returns its path.</summary>
    public string Write(string name, string content, bool bom = false)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    /// <summary>Writes the small test scheme and returns its path.</summary>
    public string Scheme(string yaml = Schemes.Small, string name = "scheme.yaml") => Write(name, yaml);

    /// <summary>Runs <c>kaohe</c> with these arguments.</summary>
    public static CliResult Run(params string[] args) => RunWithStdin(null, args);

    /// <summary>Runs <c>kaohe</c> with standard input from <paramref name="stdin"/>.</summary>
    public static CliResult RunWithStdin(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var input = stdin is null ? null : new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        var code = KaoheCli.Run(args, output, error, input);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The files in the test's directory.</summary>
    public string[] Files() => [.. Directory.GetFiles(Dir).Select(Path.GetFileName).Order()!];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Scheme files written for the tests (independent of the built-in templates).</summary>
public static class Schemes
{
    /// <summary>
    /// A small scheme: one graded item (20), a banded rate (40) and a baseline rate (40), grades and a
    /// proportional payout from the subject's 奖金基数.
    /// 优秀 / 85% / 2.5% against 3.0% → 20 + 30 + 30 = 80 (良好); with 奖金基数 3000 → 2400 元.
    /// </summary>
    public const string Small = """
        id: TEST-01
        slug: test-small
        name: 测试考核表
        subject: department
        period: month
        total: 100
        grades:
          - { grade: 优秀, min: 90 }
          - { grade: 良好, min: 80 }
          - { grade: 合格, min: 60 }
          - { grade: 不合格 }
        payout: { kind: proportional, per: 100 }
        sections:
          - name: 定性指标
            indicators:
              - { name: 工作态度, points: 20, grade: { 优秀: 20, 良好: 15, 一般: 10, 差: 0 } }
          - name: 定量指标
            indicators:
              - name: 客户满意率
                points: 40
                bands:
                  unit: percent
                  bands:
                    - { when: ">= 90%", points: 40 }
                    - { when: "[80%, 90%)", points: 30 }
                    - { when: "< 80%", points: 10 }
              - name: 客户流失率
                points: 40
                baseline:
                  direction: lower_is_better
                  source: historical_min
                  unit: percent
                  base: 30
                  step: 1
                  up: 2
                  down: 3
                  cap: 40
                  floor: 0
                  label: 流失率
        """;

    /// <summary>Two weighted raters on one item and a ranking (so the whole run is scored at once).</summary>
    public const string Raters = """
        id: TEST-02
        name: 多人评分测试表
        subject: person
        period: month
        total: 100
        raters:
          - { name: 自评, weight: 30% }
          - { name: 直接上级, weight: 70% }
        ranking: { top_reward: 500, top_above: 80, penalty: -200, penalty_below: 60 }
        sections:
          - name: 行为
            indicators:
              - { name: 工作态度, points: 50, raters: [自评, 直接上级], grade: { 优秀: 50, 良好: 40, 一般: 30, 差: 0 } }
              - { name: 出勤, points: 50, manual: { min: 0, max: 50 } }
        """;
}
