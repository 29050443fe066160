using System.Diagnostics;
using System.Globalization;
using Alerts.Core.Duplicates;

// One headline checked against a window of 1,000 lines, the near-duplicate guard's work per POST.
// The baseline, in the same run, is the cheapest guard there is: an exact string-equality scan.
const int WindowSize = 1000;
const int Rounds = 2000;

var lines = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "pairs.tsv"))
    .Where(line => line.Length > 0 && !line.StartsWith('#'))
    .SelectMany(line => line.Split('\t')[2..])
    .Distinct(StringComparer.Ordinal)
    .ToList();

// Real lines, then the same lines with a time and a place added, until the window is full: a busy
// newsroom's half hour across three editions, longer than any one edition's.
var window = Enumerable.Range(0, WindowSize)
    .Select(i => i < lines.Count ? lines[i] : $"{lines[i % lines.Count]} ({i / lines.Count}:{i % 60:00} GMT, desk {i})")
    .ToArray();
var candidates = window.Select((line, index) => new DuplicateCandidate(index.ToString(CultureInfo.InvariantCulture), HeadlineFingerprint.Of(line))).ToArray();
string[] headlines =
[
    "Gaza Health Ministry: 14 Palestinians killed in Israeli air strike on Rafah",
    "El Banco Central Europeo recorta los tipos de interés al 3,75%",
    "وزارة الصحة في غزة: استشهاد 14 فلسطينيا في غارة إسرائيلية على خان يونس",
];

Console.WriteLine($"window {WindowSize} lines, {Rounds} rounds per headline, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var equality = Measure(headline => window.Count(line => string.Equals(line, headline, StringComparison.Ordinal)));
var precomputed = Measure(headline => NearDuplicates.Find(HeadlineFingerprint.Of(headline), candidates, HeadlineSimilarity.DefaultThreshold).Count);
var uncached = Measure(headline => NearDuplicates.Find(
    HeadlineFingerprint.Of(headline),
    window.Select((line, index) => new DuplicateCandidate(index.ToString(CultureInfo.InvariantCulture), HeadlineFingerprint.Of(line))),
    HeadlineSimilarity.DefaultThreshold).Count, rounds: Rounds / 20);

Console.WriteLine($"string equality scan (baseline)            median {Format(equality)}");
Console.WriteLine($"near-duplicate scan, window fingerprinted   median {Format(precomputed)}  ({precomputed / equality:0} x baseline)");
Console.WriteLine($"near-duplicate scan, fingerprinting window  median {Format(uncached)}  ({uncached / equality:0} x baseline)");

double Measure(Func<string, int> check, int rounds = Rounds)
{
    var found = 0;
    foreach (var headline in headlines)
    {
        for (var i = 0; i < 50; i++)
        {
            found += check(headline);
        }
    }

    var timings = new List<double>();
    var stopwatch = new Stopwatch();
    for (var round = 0; round < rounds; round++)
    {
        var headline = headlines[round % headlines.Length];
        stopwatch.Restart();
        found += check(headline);
        timings.Add(stopwatch.Elapsed.TotalMicroseconds);
    }

    // Printed so the work cannot be optimised away.
    Console.WriteLine($"  ({found} matches seen)");
    timings.Sort();
    return timings[timings.Count / 2];
}

static string Format(double microseconds) => microseconds >= 1000
    ? $"{microseconds / 1000:0.00} ms"
    : $"{microseconds:0.0} µs";
