// The tests' OpenID Provider: npm's certified oidc-provider on loopback, with five newsroom people (two of them
// namesakes) and a `groups` claim. Usage: node provider.mjs <port> <client secret> <redirect base URL>...
// Each run signs with a fresh RSA key, so a second instance is "a provider with other keys".
import { generateKeyPairSync } from "node:crypto";
import Provider from "oidc-provider";

const [port, clientSecret, ...bases] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const people = {
  alice: { name: "Alice Chief", email: "alice@example.test", groups: ["alerts-chief-ar", "alerts-editors"] },
  bob: { name: "Bob Editor", email: "bob@example.test", groups: ["alerts-editors"] },
  dana: { name: "Dana Admin", email: "dana@example.test", groups: ["alerts-admins"] },
  ally: { name: "Alice Chief", email: "ally@example.test", groups: ["alerts-chief-ar"] },
  carol: { name: "Carol Outsider", email: "carol@example.test", groups: ["marketing"] },
};

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signing = { ...privateKey.export({ format: "jwk" }), kid: `test-${Date.now()}`, use: "sig", alg: "RS256" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "alerts",
      client_secret: clientSecret,
      token_endpoint_auth_method: "client_secret_post",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: bases.map((b) => `${b}/signin-oidc`),
      post_logout_redirect_uris: bases.map((b) => `${b}/signout-callback-oidc`),
    },
  ],
  jwks: { keys: [signing] },
  cookies: { keys: ["alerts-test-provider-cookie-key"] },
  scopes: ["openid", "profile", "email", "groups", "offline_access"],
  claims: { openid: ["sub"], profile: ["name"], email: ["email"], groups: ["groups"] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    const person = people[id];
    return person && { accountId: id, claims: async () => ({ sub: id, ...person }) };
  },
});

provider.listen(Number(port), "127.0.0.1", () => console.log(`listening ${issuer}`));
