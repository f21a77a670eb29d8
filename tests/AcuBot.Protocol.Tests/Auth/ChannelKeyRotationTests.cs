using AcuBot.Protocol.Auth;

namespace AcuBot.Protocol.Tests.Auth;

public class ChannelKeyRotationTests
{
    private static ChannelTokenValidator Validator(FakeChannelMetadata metadata, HttpClient http) => new(
        new BotAuthenticationOptions { MicrosoftAppId = TokenDefaults.AppId, OpenIdMetadataUrl = metadata.MetadataUrl, RequireHttpsMetadata = false },
        http);

    private static Task<ChannelAuthResult> Validate(ChannelTokenValidator validator, ChannelSigningKey key) =>
        validator.ValidateAsync("Bearer " + key.Mint(), TokenDefaults.ServiceUrl, TokenDefaults.ChannelId, CancellationToken.None);

    [Fact]
    public async Task A_token_signed_with_a_newly_published_key_is_accepted_after_one_refetch()
    {
        using var oldKey = new ChannelSigningKey("2025-key");
        using var newKey = new ChannelSigningKey("2026-key");
        await using var metadata = await FakeChannelMetadata.StartAsync(oldKey);
        using var http = new HttpClient();
        var validator = Validator(metadata, http);
        Assert.True((await Validate(validator, oldKey)).IsValid);
        Assert.Equal(1, metadata.KeyFetches);

        metadata.Publish(newKey);   // the channel rotates its keys
        var result = await Validate(validator, newKey);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(2, metadata.KeyFetches);
        // The old key is gone from the refreshed set.
        Assert.Equal(ChannelAuthError.UnknownSigningKey, (await Validate(validator, oldKey)).Error);
    }

    [Fact]
    public async Task Made_up_key_ids_do_not_make_the_bot_refetch_the_keys_again_and_again()
    {
        using var key = new ChannelSigningKey("published");
        await using var metadata = await FakeChannelMetadata.StartAsync(key);
        using var http = new HttpClient();
        var validator = Validator(metadata, http);
        Assert.True((await Validate(validator, key)).IsValid);

        for (var i = 0; i < 10; i++)
        {
            using var forged = new ChannelSigningKey($"forged-{i}");
            Assert.Equal(ChannelAuthError.UnknownSigningKey, (await Validate(validator, forged)).Error);
        }

        // One early refresh (for the first unknown key id), then none until the refresh interval passes.
        Assert.Equal(2, metadata.KeyFetches);
        Assert.True((await Validate(validator, key)).IsValid);
    }
}
