namespace AcuBot.Protocol.Auth;

/// <summary>Gives the access token the bot sends to the Bot Connector with its replies.</summary>
public interface IBotAccessTokenProvider
{
    /// <summary>A current access token (cached until near its expiry). Throws when none can be had.</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
