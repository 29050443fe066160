using System.Globalization;

namespace Alerts.LoadGen;

/// <summary><c>--name value</c> pairs; every option has a default so a bare run does something small and safe.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Arguments(IEnumerable<string> args)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    _values[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                _values[name] = arg;
                name = null;
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{arg}'; options are --name value.");
            }
        }

        if (name is not null)
        {
            _values[name] = "true";
        }
    }

    public string String(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public ClientProtocol Protocol() => String("protocol", "signalr") switch
    {
        "signalr" => ClientProtocol.SignalR,
        "socketio" => ClientProtocol.SocketIo,
        var other => throw new ArgumentException($"Unknown --protocol '{other}': signalr or socketio."),
    };
}
