using System.Globalization;
using System.Text;

namespace Kaohe.Bench.Gen;

/// <summary>
/// TPL-01 客户部考核分值表: the input columns, a deterministic row generator and the C# reference
/// scorer (exact decimal arithmetic) that the spreadsheet formulas and the CLI must agree with.
/// </summary>
internal static class Tpl01
{
    public const string SchemeId = "TPL-01";
    public const string SubjectColumn = "对象";

    /// <summary>The 8 qualitative indicators, graded 优秀/良好/一般/差.</summary>
    public static readonly string[] Qualitative =
    [
        "公司客户调查情况",
        "公司客户开发情况",
        "实施客户开发企划案情况",
        "客户信息库建立和维护情况",
        "客户业绩管理与考核情况",
        "客户信用管理情况",
        "服务方案制定和实施情况",
        "客户投诉处理情况",
    ];

    public const string Churn = "当月公司客户流失率";          // lower is better
    public const string Growth = "当月公司客户增长率";         // higher is better
    public const string Satisfaction = "当月客户投诉处理满意率"; // higher is better

    /// <summary>The quantitative indicators in column order; each has a value and a [基数] column.</summary>
    public static readonly string[] Quantitative = [Churn, Growth, Satisfaction];

    public static readonly string[] GradeWords = ["优秀", "良好", "一般", "差"];
    public static readonly int[] GradePoints = [5, 3, 1, 0];

    /// <summary>Relative frequencies of the grades in generated data (优秀 25 %, 良好 40 %, 一般 25 %, 差 10 %).</summary>
    private static readonly int[] GradeWeights = [25, 40, 25, 10];

    /// <summary>Number of score columns: 8 qualitative + 3 quantitative.</summary>
    public const int ScoreCount = 11;

    public static string BaselineColumn(string indicator) => indicator + "[基数]";

    /// <summary>Input header, in CSV/workbook column order.</summary>
    public static string[] InputHeader()
    {
        var h = new List<string> { SubjectColumn };
        h.AddRange(Qualitative);
        foreach (var q in Quantitative)
        {
            h.Add(q);
            h.Add(BaselineColumn(q));
        }
        return [.. h];
    }

    /// <summary>Names of the 11 score columns and the total, as used in the workbook and the expected-results file.</summary>
    public static string[] ScoreHeader()
    {
        var h = new List<string>();
        foreach (var q in Qualitative) h.Add(q + "得分");
        foreach (var q in Quantitative) h.Add(q + "得分");
        h.Add("总分");
        return [.. h];
    }

    /// <summary>
    /// One subject's raw inputs. Percentages are held as integer tenths of a percentage point
    /// (25 = 2.5 %) so that the text form, the spreadsheet value and the reference are all exact.
    /// </summary>
    public readonly struct Row
    {
        public Row(int index, byte[] grades, int churn, int churnBase, int growth, int growthBase, int sat, int satBase)
        {
            Index = index;
            Grades = grades;
            ChurnT = churn;
            ChurnBaseT = churnBase;
            GrowthT = growth;
            GrowthBaseT = growthBase;
            SatT = sat;
            SatBaseT = satBase;
        }

        public int Index { get; }
        /// <summary>Grade index (0 = 优秀 … 3 = 差) per qualitative indicator.</summary>
        public byte[] Grades { get; }
        public int ChurnT { get; }
        public int ChurnBaseT { get; }
        public int GrowthT { get; }
        public int GrowthBaseT { get; }
        public int SatT { get; }
        public int SatBaseT { get; }

        public string Subject => SubjectName(Index);

        /// <summary>Value/baseline pairs in <see cref="Quantitative"/> order.</summary>
        public (int Value, int Baseline) Quant(int k) => k switch
        {
            0 => (ChurnT, ChurnBaseT),
            1 => (GrowthT, GrowthBaseT),
            _ => (SatT, SatBaseT),
        };
    }

    public static string SubjectName(int index) => "客户部" + (index + 1).ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>
    /// Row <paramref name="index"/> for <paramref name="seed"/>. Each row depends only on (seed, index), so
    /// the file for N = 10,000 is a prefix of the file for N = 100,000 and any row can be regenerated alone.
    /// </summary>
    public static Row Generate(ulong seed, int index)
    {
        var rng = new SplitMix64(SplitMix64.Mix(seed ^ SplitMix64.Mix(0x9E3779B97F4A7C15UL + (ulong)index)));
        var grades = new byte[Qualitative.Length];
        for (var i = 0; i < grades.Length; i++) grades[i] = (byte)rng.Weighted(GradeWeights);
        // Ranges chosen so every branch and both clamps (0 and 20) occur, including exact integer differences.
        var churn = rng.Range(0, 200);        // 0.0 % … 20.0 %
        var churnBase = rng.Range(5, 80);     // 0.5 % … 8.0 %  (historical lowest)
        var growth = rng.Range(-100, 300);    // −10.0 % … 30.0 %
        var growthBase = rng.Range(0, 150);   // 0.0 % … 15.0 %
        var sat = rng.Range(600, 1000);       // 60.0 % … 100.0 %
        var satBase = rng.Range(800, 980);    // 80.0 % … 98.0 %
        return new Row(index, grades, churn, churnBase, growth, growthBase, sat, satBase);
    }

    /// <summary>"2.5%" for 25 tenths; "-3.0%" for −30.</summary>
    public static string FormatPercent(int tenths) =>
        (tenths / 10m).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The spreadsheet value of a percentage (fraction): 25 tenths → "0.025".</summary>
    public static string FractionText(int tenths) =>
        (tenths / 1000m).ToString(CultureInfo.InvariantCulture);

    // ---- reference scoring (exact, decimal) ----

    private static int Floor(decimal x) => (int)decimal.Floor(x);

    /// <summary>流失率 (lower is better): d = H − c; min(20, 15 + ⌊d⌋) if d ≥ 0 else max(0, 15 − ⌊−d⌋).</summary>
    public static int ChurnScore(int valueT, int baselineT)
    {
        var d = (baselineT - valueT) / 10m;
        return d >= 0 ? Math.Min(20, 15 + Floor(d)) : Math.Max(0, 15 - Floor(-d));
    }

    /// <summary>Higher is better: d = v − B; clamp(15 + sign(d)·⌊|d|⌋, 0, 20).</summary>
    public static int HigherScore(int valueT, int baselineT)
    {
        var d = (valueT - baselineT) / 10m;
        return Math.Clamp(15 + Math.Sign(d) * Floor(Math.Abs(d)), 0, 20);
    }

    /// <summary>The 11 indicator scores followed by the total (12 values).</summary>
    public static int[] Score(in Row r)
    {
        var s = new int[ScoreCount + 1];
        for (var i = 0; i < Qualitative.Length; i++) s[i] = GradePoints[r.Grades[i]];
        s[8] = ChurnScore(r.ChurnT, r.ChurnBaseT);
        s[9] = HigherScore(r.GrowthT, r.GrowthBaseT);
        s[10] = HigherScore(r.SatT, r.SatBaseT);
        var total = 0;
        for (var i = 0; i < ScoreCount; i++) total += s[i];
        s[ScoreCount] = total;
        return s;
    }

    /// <summary>Hand-computed cases that pin the reference scorer to the written rules.</summary>
    public static IEnumerable<string> SelfTest()
    {
        (string, int, int) [] cases =
        [
            ("churn d=+1.5 → 16", ChurnScore(20, 35), 16),   // c 2.0 %, H 3.5 %
            ("churn d=0 → 15", ChurnScore(30, 30), 15),
            ("churn d=+5.0 → 20", ChurnScore(10, 60), 20),
            ("churn d=+9.9 → 20 (cap)", ChurnScore(1, 100), 20),
            ("churn d=−0.5 → 15", ChurnScore(35, 30), 15),
            ("churn d=−1.5 → 14", ChurnScore(35, 20), 14),
            ("churn d=−2.0 → 13", ChurnScore(40, 20), 13),
            ("churn d=−19.5 → 0 (floor)", ChurnScore(200, 5), 0),
            ("growth d=+2.7 → 17", HigherScore(57, 30), 17),
            ("growth d=−2.7 → 13", HigherScore(30, 57), 13),
            ("growth d=−0.3 → 15", HigherScore(27, 30), 15),
            ("growth d=+30 → 20", HigherScore(300, 0), 20),
            ("growth d=−25 → 0", HigherScore(-100, 150), 0),
            ("satisfaction 95.0 vs 90.0 → 20", HigherScore(950, 900), 20),
        ];
        foreach (var (name, got, want) in cases)
            if (got != want) yield return $"{name}: got {got}";
    }

    // ---- writers ----

    public static void WriteCsv(string path, int n, ulong seed)
    {
        using var w = Output.OpenText(path);
        w.Write(string.Join(',', InputHeader()));
        w.Write('\n');
        var sb = new StringBuilder(256);
        for (var i = 0; i < n; i++)
        {
            var r = Generate(seed, i);
            sb.Clear().Append(r.Subject);
            foreach (var g in r.Grades) sb.Append(',').Append(GradeWords[g]);
            for (var k = 0; k < Quantitative.Length; k++)
            {
                var (v, b) = r.Quant(k);
                sb.Append(',').Append(FormatPercent(v)).Append(',').Append(FormatPercent(b));
            }
            sb.Append('\n');
            w.Write(sb);
        }
    }

    /// <summary>Expected results: 对象 + 11 scores + 总分, for checking any tool's output.</summary>
    public static void WriteExpected(string path, int n, ulong seed)
    {
        using var w = Output.OpenText(path);
        w.Write(SubjectColumn + "," + string.Join(',', ScoreHeader()) + "\n");
        for (var i = 0; i < n; i++)
        {
            var r = Generate(seed, i);
            w.Write(r.Subject + "," + string.Join(',', Score(r)) + "\n");
        }
    }
}
