using System.CommandLine;
using System.CommandLine.Invocation;
using Kaohe.Cli.Commands;

namespace Kaohe.Cli;

/// <summary>The <c>kaohe</c> command line: parses the arguments and runs a command.</summary>
/// <remarks>
/// Exit codes: 0 success; 2 bad input, bad usage or a scheme that does not load (one line per problem on
/// stderr); 1 an internal error (a bug).
/// </remarks>
public static class KaoheCli
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Ok = 0;
    /// <summary>Exit code of an internal error (a bug).</summary>
    public const int InternalError = 1;
    /// <summary>Exit code of bad input, bad usage or a scheme that does not load.</summary>
    public const int BadInput = 2;

    /// <summary>Runs the command line with standard input from the console.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, null);

    /// <summary>Runs the command line; <paramref name="stdin"/> replaces the console input for <c>--input -</c>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Stream? stdin)
    {
        var io = new CliIO(stdout, stderr, stdin);
        try
        {
            var root = BuildRoot(io);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
            {
                foreach (var error in parse.Errors)
                    stderr.WriteLine("参数错误：" + error.Message);
                stderr.WriteLine("用 `kaohe --help` 或 `kaohe <命令> --help` 查看用法。");
                return BadInput;
            }
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e) when (e is CliException or Kaohe.IO.InputException)
        {
            stderr.WriteLine(e.Message);
            return BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"内部错误：{e.Message}（{e.GetType().FullName}）");
            if (Environment.GetEnvironmentVariable("KAOHE_DEBUG") is { Length: > 0 })
                stderr.WriteLine(e.ToString());
            return InternalError;
        }
        finally
        {
            stdout.Flush();
            stderr.Flush();
        }
    }

    private static RootCommand BuildRoot(CliIO io)
    {
        var root = new RootCommand("考核（Kaohe）：按考核方案快速算分、查看与检查方案、反推目标值。\n" + DatabaseOption.HelpLine());
        root.Add(ScoreCommand.Create(io));
        root.Add(SchemesCommand.Create(io));
        root.Add(WhatIfCommand.Create(io));
        root.Add(PlanCommand.Create(io));
        root.Add(AttributeCommand.Create(io));
        root.Add(ImportCommand.Create(io));
        root.Add(AppraiseCommand.Create(io));
        root.Add(MetricsCommand.Create(io));
        root.Add(PeriodCommand.Create(io));
        root.Add(ResultsCommand.Create(io));
        root.Add(PaySheetCommand.Create(io));
        root.Add(CycleCommand.Create(io));
        root.Add(DemoCommand.Create(io));
        root.Add(BackupCommand.CreateBackup(io));
        root.Add(BackupCommand.CreateRestore(io));
        root.Add(AccountsCommand.Create(io));
        root.Add(DatabaseOption.CreateWhere(io));
        foreach (var option in root.Options)
        {
            if (option is System.CommandLine.Help.HelpOption) option.Description = "显示帮助和用法";
            else if (option is VersionOption) option.Description = "显示版本";
        }
        return root;
    }
}

/// <summary>The standard streams of one run.</summary>
internal sealed record CliIO(TextWriter Out, TextWriter Err, Stream? StdIn)
{
    /// <summary>Standard input: the injected stream or the console's.</summary>
    public Stream OpenStdIn() => StdIn ?? Console.OpenStandardInput();
}

/// <summary>An expected failure that ends the command with exit code 2 and this message on stderr.</summary>
internal sealed class CliException(string message) : Exception(message);
