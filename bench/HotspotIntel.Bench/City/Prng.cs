namespace HotspotIntel.Bench.City;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: a tiny generator whose sequence is fixed by its seed,
/// unlike <see cref="Random"/>, whose algorithm .NET does not promise to keep. Each part of the city draws from its own
/// stream (<see cref="For"/>), so one part can be generated without the others and the output does not depend on order.
/// </summary>
internal sealed class Prng
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    private Prng(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The stream named <paramref name="stream"/> (e.g. "network") for item <paramref name="index"/> of the city seeded with <paramref name="seed"/>.</summary>
    public static Prng For(ulong seed, string stream, long index)
    {
        // FNV-1a of the stream name keeps streams apart without a registry of stream numbers.
        var hash = 14695981039346656037UL;
        foreach (var c in stream)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var mixed = seed ^ hash;
        var first = SplitMix(ref mixed);
        return new Prng(first ^ (ulong)index * 0x9E3779B97F4A7C15UL);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>); the bias of the multiply-shift is below 2^-32 for the sizes used here.</summary>
    public int Next(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double Between(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Gaussian()
    {
        var u = 1.0 - NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    /// <summary><paramref name="count"/> distinct items of <paramref name="items"/> (all of them when there are fewer).</summary>
    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var indexes = Enumerable.Range(0, items.Count).ToArray();
        var taken = Math.Min(count, indexes.Length);
        for (var i = 0; i < taken; i++)
        {
            var j = Next(i, indexes.Length);
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
        }

        return [.. indexes.Take(taken).Select(index => items[index])];
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

/// <summary>A choice among values with relative weights, e.g. the share of each grading.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public Weighted(params (T Value, double Weight)[] choices)
    {
        _values = [.. choices.Select(choice => choice.Value)];
        _cumulative = new double[choices.Length];
        var total = 0.0;
        for (var i = 0; i < choices.Length; i++)
        {
            total += choices[i].Weight;
            _cumulative[i] = total;
        }

        for (var i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] /= total;
        }
    }

    public IReadOnlyList<T> Values => _values;

    public T Pick(Prng prng)
    {
        var u = prng.NextDouble();
        var index = Array.FindIndex(_cumulative, bound => u < bound);
        return _values[index < 0 ? _values.Length - 1 : index];
    }
}
