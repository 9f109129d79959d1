using Kaohe.Core.Text;
using Xunit;

namespace Kaohe.Core.Tests.Text;

/// <summary>Values from the data shown as the form words them: 2 decimals, half-up; anything else unchanged.</summary>
public class ReadingTests
{
    [Theory]
    [InlineData("1.6129032258064516129032258%", "1.61%")]
    [InlineData("1.615%", "1.62%")]      // half-up, not to even
    [InlineData("-1.615%", "-1.62%")]    // away from zero
    [InlineData("2.5%", "2.5%")]         // no trailing zeros added
    [InlineData("3%", "3%")]
    [InlineData("12.3456", "12.35")]
    [InlineData("0.004", "0")]
    [InlineData("无数据", "无数据")]
    [InlineData("1,234.5", "1,234.5")]   // not a plain number: left as written
    [InlineData("", "")]
    public void Rounds_numbers_and_rates_only(string exact, string shown) => Assert.Equal(shown, Fmt.Reading(exact));

    [Theory]
    [InlineData("1.8004%", "1.8%", "1.8004%", "1.8%")]   // rounding would show them equal
    [InlineData("79.996%", "80%", "79.996%", "80%")]
    [InlineData("1.6129%", "2.5%", "1.61%", "2.5%")]    // far apart: the usual 2 decimals
    [InlineData("1.80%", "1.8%", "1.8%", "1.8%")]       // equal numbers stay equal
    public void Readings_NeverShowDifferentNumbersAsEqual(string value, string against, string shownValue, string shownAgainst) =>
        Assert.Equal((shownValue, shownAgainst), Fmt.Readings(value, against));
}
