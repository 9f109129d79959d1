namespace Kaohe.Data.Tests.Documents;

/// <summary>
/// Written documents kept for looking at their layout (LibreOffice → PDF → PNG for docs/screenshots) when
/// <c>KAOHE_PAPER_SAMPLES</c> names a folder; nothing is written otherwise.
/// </summary>
public static class Samples
{
    public static void Save(string name, byte[] bytes)
    {
        if (Environment.GetEnvironmentVariable("KAOHE_PAPER_SAMPLES") is { Length: > 0 } folder)
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }
}
