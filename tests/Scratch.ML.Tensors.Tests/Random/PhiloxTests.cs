using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Rng;

public class PhiloxTests
{
    // Random123's published known-answer vectors for Philox4x32-10 (tests/kat_vectors): counter, key, output.
    public static TheoryData<uint[], uint[], uint[]> Kat => new()
    {
        { [0u, 0, 0, 0], [0u, 0], [0x6627e8d5u, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
        { [0xffffffffu, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffffu, 0xffffffff], [0x408f276du, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd] },
        { [0x243f6a88u, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822u, 0x299f31d0], [0xd16cfe09u, 0x94fdcceb, 0x5001e420, 0x24126ea1] },
    };

    [Theory]
    [MemberData(nameof(Kat))]
    public void ScalarMatchesRandom123KnownAnswers(uint[] c, uint[] k, uint[] expected)
    {
        var (x0, x1, x2, x3) = Philox.Block(c[0], c[1], c[2], c[3], k[0], k[1]);
        Assert.Equal(expected, new[] { x0, x1, x2, x3 });
    }

    [Theory]
    [MemberData(nameof(Kat))]
    public void BulkMatchesKnownAnswersInEveryLane(uint[] c, uint[] k, uint[] expected)
    {
        // Put the KAT counter at lane 5 of a 16-block vector fill: position = (c1:c0) − 5, draw = c2, stream = c3.
        ulong seed = k[0] | ((ulong)k[1] << 32);
        ulong pos = (c[0] | ((ulong)c[1] << 32)) - 5;
        var words = new uint[64 * 4];
        PhiloxBulk.Fill(seed, c[3], pos, c[2], words);
        Assert.Equal(expected, words[20..24]);
    }

    [Fact]
    public void FixtureFromIndependentPythonImplementationMatches()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "random", "philox.json")));
        int count = 0;
        foreach (var e in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            uint[] U(string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetUInt32()).ToArray();
            var c = U("counter"); var k = U("key"); var x = U("output");
            var (x0, x1, x2, x3) = Philox.Block(c[0], c[1], c[2], c[3], k[0], k[1]);
            Assert.Equal(x, new[] { x0, x1, x2, x3 });
            count++;
        }
        Assert.True(count >= 10);
    }

    public static TheoryData<int, ulong> Lengths => new()
    {
        { 0, 0 }, { 1, 0 }, { 3, 7 }, { 4, 0 }, { 31, 1 }, { 32, 2 }, { 33, 3 }, { 63, 4 }, { 64, 5 }, { 65, 6 },
        { 100, 0xFFFFFFFFUL - 3 }, // crosses the 32-bit carry inside a vector
        { 127, 8 }, { 128, 9 }, { 129, 10 }, { 200, 0xFFFFFFFFUL - 20 }, // two interleaved groups; carry in the second
        { 257, 0xFFFFFFFFUL - 40 }, { 1000, ulong.MaxValue - 100 },
    };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void BulkEqualsScalarReferenceForEveryTailAndCarry(int length, ulong first)
    {
        var fast = new uint[length];
        var avx2 = new uint[length];
        var reference = new uint[length];
        PhiloxBulk.Fill(0x0123456789ABCDEFUL, 17, first, 3, fast);
        PhiloxBulk.FillAvx2Only(0x0123456789ABCDEFUL, 17, first, 3, avx2);
        Philox.FillReference(0x0123456789ABCDEFUL, 17, first, 3, reference);
        Assert.Equal(reference, fast);
        Assert.Equal(reference, avx2);
    }
}
