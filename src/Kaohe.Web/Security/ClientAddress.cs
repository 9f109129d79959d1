using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Kaohe.Web.Security;

/// <summary>The address of the browser behind a Blazor circuit (for the audit trail of page actions).</summary>
public sealed class ClientAddress
{
    public string? Value { get; set; }
}

/// <summary>Takes the address from the connection that opens the circuit.</summary>
public sealed class ClientAddressCircuitHandler(ClientAddress address, IHttpContextAccessor http) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        address.Value ??= http.HttpContext is { } c ? SessionAuth.Address(c) : null;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (http.HttpContext is { } c) address.Value = SessionAuth.Address(c);
        return Task.CompletedTask;
    }
}
