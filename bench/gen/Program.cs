using System.Diagnostics;
using System.Globalization;

namespace Kaohe.Bench.Gen;

internal static class Program
{
    private const string Usage = """
        Kaohe.Bench.Gen — deterministic benchmark inputs for the kaohe CLI and the LibreOffice comparison.

        usage: Kaohe.Bench.Gen <command> [options]

          tpl01          --n N [--seed S] --out FILE.csv
                         TPL-01 input CSV (UTF-8, header: 对象, 8 grades, 3 × value + [基数]).
          tpl01-ods      --n N [--seed S] --out FILE.fods|FILE.ods|FILE.xlsx [--shared yes|no]
                         Equivalent workbook: same raw inputs + formula columns (11 scores, 总分),
                         formulas stored without cached values so LibreOffice must calculate them.
                         Format by extension; --shared (xlsx only, default yes): fill-down shared formulas.
          tpl01-expected --n N [--seed S] --out FILE.csv
                         Reference results from C#: 对象, 11 scores, 总分.
          verify         [--lo-csv FILE] [--n N] [--seed S]
                         With --lo-csv: compare LibreOffice's CSV export of a tpl01-ods workbook row by row
                         with the C# reference (raw inputs, 11 scores, 总分); --n checks the row count.
                         Without --lo-csv: write an N-row workbook (default 2000) to a temp dir, convert it
                         with soffice, and compare ([--format fods|ods|xlsx] [--soffice PATH] [--profile DIR]).
          check-json     --json FILE --n N [--seed S]
                         Sanity check of `kaohe score --format json` output: all N subjects present; numeric
                         total/总分/totalScore fields next to a subject compared with the reference.
          tpl23          --n N [--seed S] --out FILE.csv
                         TPL-23 input CSV: the 37 columns of bench/tpl23-columns.md, every rule branch covered.

        --seed defaults to 42. Row i depends only on (seed, i): a smaller N is a prefix of a larger one.
        """;

    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var o = Options.Parse(args.AsSpan(1));
            var sw = Stopwatch.StartNew();
            switch (args[0])
            {
                case "tpl01":
                    Tpl01.WriteCsv(o.Out(), o.N(), o.Seed);
                    break;
                case "tpl01-ods":
                    Workbook.Write(o.Out(), o.N(), o.Seed, o.Get("shared") is not ("no" or "false"));
                    break;
                case "tpl01-expected":
                    Tpl01.WriteExpected(o.Out(), o.N(), o.Seed);
                    break;
                case "verify":
                    return RunVerify(o);
                case "check-json":
                    return CheckJson.Run(o.Get("json") ?? throw new ArgumentException("--json is required"), o.N(), o.Seed, Console.Error);
                case "tpl23":
                    Tpl23.WriteCsv(o.Out(), o.N(), o.Seed);
                    break;
                default:
                    Console.Error.WriteLine($"unknown command '{args[0]}'\n\n{Usage}");
                    return 2;
            }
            var size = new FileInfo(o.Out()).Length;
            Console.Error.WriteLine($"{args[0]}: wrote {o.Out()} (N = {o.N()}, seed = {o.Seed}, {size / 1048576.0:F1} MiB) in {sw.Elapsed.TotalSeconds:F1} s");
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int RunVerify(Options o)
    {
        var failed = Tpl01.SelfTest().ToList();
        foreach (var f in failed) Console.Error.WriteLine("selftest: " + f);
        if (failed.Count > 0) return 1;
        Console.Error.WriteLine("selftest: reference scorer matches the hand-computed TPL-01 cases");

        int result;
        if (o.Get("lo-csv") is string loCsv)
            result = Verify.CompareLoCsv(loCsv, o.Seed, o.Has("n") ? o.N() : null, Console.Error);
        else
            result = Verify.RoundTrip(o.Has("n") ? o.N() : 2000, o.Seed, o.Get("format") ?? "fods",
                o.Get("shared") is not ("no" or "false"), o.Get("soffice") ?? "soffice", o.Get("profile"), Console.Error);
        return result == 0 ? 0 : 1;
    }

    private sealed class Options
    {
        private readonly Dictionary<string, string> _values = [];

        public static Options Parse(ReadOnlySpan<string> args)
        {
            var o = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                var a = args[i];
                if (!a.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                    throw new ArgumentException($"expected '--name value', got '{a}'");
                o._values[a[2..]] = args[++i];
            }
            return o;
        }

        public bool Has(string name) => _values.ContainsKey(name);

        public string? Get(string name) => _values.GetValueOrDefault(name);

        public string Out() => Get("out") ?? throw new ArgumentException("--out is required");

        public int N()
        {
            var s = Get("n") ?? throw new ArgumentException("--n is required");
            if (!int.TryParse(s.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal),
                    NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                throw new ArgumentException($"--n must be a positive integer, not '{s}'");
            return n;
        }

        public ulong Seed => Get("seed") is string s
            ? ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"--seed must be a non-negative integer, not '{s}'")
            : 42UL;
    }
}
