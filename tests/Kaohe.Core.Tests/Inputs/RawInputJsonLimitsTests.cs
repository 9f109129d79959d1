using System.Text.Json;
using Kaohe.Core.Inputs;
using Xunit;

namespace Kaohe.Core.Tests.Inputs;

/// <summary>
/// <see cref="RawInputJson.Read"/> recurses once per nesting level of its JSON; the bound is System.Text.Json's default
/// MaxDepth of 64, which every reader that produces its elements uses (here <see cref="RawInputJson.FromJson"/>).
/// </summary>
public sealed class RawInputJsonLimitsTests
{
    private static string Nested(int depth) => "{\"x\": " + new string('[', depth - 1) + "1" + new string(']', depth - 1) + "}";

    [Fact]
    public void FromJson_Nested100000Deep_RefusedByTheReaderNotByTheStack()
    {
        var e = Assert.ThrowsAny<JsonException>(() => RawInputJson.FromJson(Nested(100_000)));
        Assert.Contains("64", e.Message);
    }

    [Fact]
    public void FromJson_AtTheDefaultDepth_ReadsOnASmallStack()
    {
        Exception? failure = null;
        IReadOnlyDictionary<string, RawInput>? fields = null;
        var thread = new Thread(() =>
        {
            try
            {
                fields = RawInputJson.FromJson(Nested(64));
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        var depth = 0;
        for (var v = fields!["x"]; v is RawList list; v = list.Items[0]) depth++;
        Assert.Equal(63, depth);
    }
}
