using Spectre.Console;

namespace Kaohe.Cli.IO;

/// <summary>Spectre.Console over a plain writer: no colours, no ANSI codes, a fixed width (the output is often a file).</summary>
internal static class PlainConsole
{
    /// <summary>A console writing to <paramref name="writer"/>.</summary>
    public static IAnsiConsole Create(TextWriter writer, int width = 160)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }
}
