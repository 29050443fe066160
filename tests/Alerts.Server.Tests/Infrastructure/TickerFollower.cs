using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Serialization;
using Microsoft.AspNetCore.SignalR.Client;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// One edition's ticker state kept the way ticker.js keeps it (<c>Web/ClientApp/src/feed.js</c>):
/// events applied in seq order and deduplicated by seq within an epoch, a <c>reset</c> replaces the
/// lines and the position, an event that reuses an applied seq under another epoch starts over from
/// <c>GET …/ticker</c>, and a reconnect resumes with (last seq, epoch). Unlike the browser it keeps
/// every line, so a line the log lost cannot hide below the fifty a bar shows.
/// </summary>
public sealed class TickerFollower
{
    /// <summary>As many lines as the server's ticker reads give: more than a bar keeps, so the comparison reaches further back.</summary>
    public const int ReadLimit = 200;

    private readonly Lock _gate = new();
    private readonly HubConnection _connection;
    private readonly HttpClient _public;
    private readonly string _edition;
    private readonly Dictionary<string, Alert> _lines = new(StringComparer.Ordinal);
    private long? _lastSeq;
    private string? _epoch;
    private int _startOvers;
    private Exception? _startOverFailure;

    private TickerFollower(TickerClient client, HttpClient publicClient, string edition)
    {
        _connection = client.Connection;
        _public = publicClient;
        _edition = edition;
        _connection.On<JsonElement>("alert", e => Receive(e.Deserialize<AlertEvent>(AlertsJson.Options)!));
        _connection.On<JsonElement>("reset", Reset);
        _connection.Reconnected += _ => ResumeAsync();
    }

    /// <summary>How often it started over from the ticker because an event reused a seq of another epoch.</summary>
    public int StartOvers => Volatile.Read(ref _startOvers);

    /// <summary>Why the last start-over failed (it runs beside the event handler, so nothing else would see it), or null.</summary>
    public Exception? StartOverFailure => Volatile.Read(ref _startOverFailure);

    /// <summary>Follows <paramref name="edition"/> on <paramref name="client"/>'s connection from the ticker as <paramref name="publicClient"/>'s node has it now.</summary>
    public static async Task<TickerFollower> StartAsync(TickerClient client, HttpClient publicClient, string edition)
    {
        var follower = new TickerFollower(client, publicClient, edition);
        await follower.StartOverAsync();
        return follower;
    }

    /// <summary>Every line it holds, newest first (published time, then id: the order of <c>GET …/ticker</c>).</summary>
    public IReadOnlyList<Alert> Lines()
    {
        lock (_gate)
        {
            return [.. _lines.Values.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id, StringComparer.Ordinal)];
        }
    }

    private void Receive(AlertEvent alertEvent)
    {
        if (alertEvent.Edition != _edition)
        {
            return;
        }

        lock (_gate)
        {
            if (_lastSeq is { } lastSeq && alertEvent.Seq <= lastSeq)
            {
                if (alertEvent.Epoch is { } eventEpoch && _epoch is not null && eventEpoch != _epoch)
                {
                    _lastSeq = null;
                    _epoch = null;
                    Interlocked.Increment(ref _startOvers);
                    _ = StartOverAsync().ContinueWith(
                        t => Volatile.Write(ref _startOverFailure, t.Exception), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }

                return;
            }

            var alert = alertEvent.Alert;
            if (alertEvent.Type == AlertEventType.Retracted || alert.Status == AlertStatus.Retracted)
            {
                _lines.Remove(alert.Id);
            }
            else if (!_lines.TryGetValue(alert.Id, out var current) || alert.Version >= current.Version)
            {
                _lines[alert.Id] = alert;
            }

            _lastSeq = alertEvent.Seq;
            _epoch = alertEvent.Epoch ?? _epoch;
        }
    }

    private void Reset(JsonElement reset)
    {
        if (reset.GetProperty("edition").GetString() != _edition)
        {
            return;
        }

        var epoch = reset.TryGetProperty("epoch", out var e) ? e.GetString() : null;
        Replace(reset.GetProperty("ticker").Deserialize<List<Alert>>(AlertsJson.Options)!, reset.GetProperty("latestSeq").GetInt64(), string.IsNullOrEmpty(epoch) ? null : epoch);
    }

    private void Replace(IEnumerable<Alert> ticker, long latestSeq, string? epoch)
    {
        lock (_gate)
        {
            _lines.Clear();
            foreach (var alert in ticker.Where(a => a.Status != AlertStatus.Retracted))
            {
                _lines[alert.Id] = alert;
            }

            _lastSeq = latestSeq;
            _epoch = epoch;
        }
    }

    /// <summary>What ticker.js does on a first visit or after a rewind: the ticker as it stands, then events from its seq.</summary>
    private async Task StartOverAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ticker = await _public.GetJsonAsync($"/api/v1/editions/{_edition}/ticker?limit={ReadLimit}").WaitAsync(timeout.Token);
        Replace(ticker.GetProperty("alerts").Deserialize<List<Alert>>(AlertsJson.Options)!, ticker.GetProperty("latestSeq").GetInt64(), null);
        await ResumeAsync();
    }

    private Task ResumeAsync()
    {
        long lastSeq;
        string? epoch;
        lock (_gate)
        {
            lastSeq = _lastSeq ?? 0;
            epoch = _epoch;
        }

        return epoch is null
            ? _connection.InvokeAsync("Subscribe", _edition, lastSeq).WaitAsync(TimeSpan.FromSeconds(10))
            : _connection.InvokeAsync("Resume", _edition, lastSeq, epoch).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
