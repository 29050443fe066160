import { AlertLog } from "./alert-log.js";
import { editionsPath, getJson } from "./api.js";
import { AuditView } from "./audit-view.js";
import { Compose } from "./compose.js";
import { DecidedPanel } from "./decided-panel.js";
import { newsroomZone, titleWithCount } from "./desk-model.js";
import { EditorApi } from "./editor-api.js";
import { HistoryDialog } from "./history-dialog.js";
import { Hub } from "./hub.js";
import { KeysView } from "./keys-view.js";
import { Notices } from "./notices.js";
import { RecentAlerts } from "./recent-alerts.js";
import { endSession, openSession, providerSignIn } from "./session.js";
import { chime } from "./sound.js";
import { StoryView } from "./story-view.js";
import { WaitingPanel } from "./waiting-panel.js";

// sessionStorage only: the key dies with the tab and never reaches another site or a disk profile.
const keyStorage = "AlertsConsole:apiKey";
const messageStorage = "AlertsConsole:signOutMessage";
const server = new URL("/", location.href).href;

const signInView = document.getElementById("sign-in-view");
const signInForm = document.getElementById("sign-in");
const keyInput = document.getElementById("api-key");
const keyError = document.getElementById("api-key-error");
const desk = document.getElementById("desk");
const session = document.getElementById("session");

let hub = null;
// The antiforgery token of a person's session (signed in through the identity provider); null with an API key.
let personSession = null;

function storedKey() {
  try {
    return sessionStorage.getItem(keyStorage);
  } catch {
    return null;
  }
}

function store(name, value) {
  try {
    if (value) {
      sessionStorage.setItem(name, value);
    } else {
      sessionStorage.removeItem(name);
    }
  } catch {
    // Without storage the editor signs in again after a reload; nothing else changes.
  }
}

function storeKey(key) {
  store(keyStorage, key);
}

function takeMessage() {
  try {
    const message = sessionStorage.getItem(messageStorage);
    sessionStorage.removeItem(messageStorage);
    return message;
  } catch {
    return null;
  }
}

function signOut(message) {
  storeKey(null);
  if (personSession) {
    endSession(personSession);
    return;
  }
  if (hub) {
    // A fresh page is the simplest way to drop every live subscription; the message survives it.
    store(messageStorage, message);
    location.reload();
    return;
  }
  desk.hidden = true;
  session.hidden = true;
  signInView.hidden = false;
  keyError.textContent = message || "";
  keyInput.focus();
}

async function signIn(key, quiet) {
  keyError.textContent = "";
  if (!key) {
    keyError.textContent = "Enter your API key.";
    keyInput.setAttribute("aria-invalid", "true");
    return;
  }
  const api = new EditorApi(key, () => signOut("Your API key is no longer accepted. Sign in again."));
  const me = await api.request("GET", "/api/v1/me");
  if (!me.ok) {
    storeKey(null);
    keyInput.setAttribute("aria-invalid", "true");
    keyError.textContent =
      me.status === 401 ? "That API key is not valid. Check it and try again."
      : me.status === 403 ? "That API key may not publish alerts."
      : me.problem.title;
    if (!quiet) {
      keyInput.focus();
    }
    return;
  }
  keyInput.removeAttribute("aria-invalid");
  keyInput.value = "";
  storeKey(key);
  await openDesk(api, me.data);
}

async function openDesk(api, me) {
  const taxonomy = await getJson(server, editionsPath);
  signInView.hidden = true;
  desk.hidden = false;
  session.hidden = false;
  const mine = taxonomy.editions.filter((e) => me.editions.includes(e.key));
  document.getElementById("who").textContent = `Signed in as ${me.name} (${me.role}) · editions: ${mine.map((e) => e.key).join(", ")}`;
  const zone = newsroomZone();
  const history = new HistoryDialog(api, zone);
  const story = new StoryView(api, taxonomy.editions);
  // The waiting panel is made below; a held correction asks it to look again at once.
  let waiting = null;
  let recent = null;
  const actions = { history: (id, headline) => history.show(id, headline), openStory: (id) => story.open(id), waitingChanged: () => waiting.refresh() };
  const chief = me.role === "chief" || me.role === "admin";
  const baseTitle = document.title;
  const sound = document.getElementById("sound");
  let waitingCount = 0;
  waiting = new WaitingPanel(api, me, taxonomy.editions, zone, history, (count) => {
    document.title = titleWithCount(baseTitle, count);
    if (count > waitingCount && sound.checked) {
      chime();
    }
    waitingCount = count;
  }, (corrections) => recent?.markCorrections(corrections));
  waiting.start();
  const notices = new Notices(document.getElementById("notices"));
  // The compose form is made below, before any poll can answer.
  let compose = null;
  new DecidedPanel(api, me, taxonomy.editions, (text, item) => {
    notices.show(text);
    if (compose) {
      compose.settle(item.alertId, text);
    }
  }, actions).start();
  if (chief) {
    document.getElementById("sound-choice").hidden = false;
    showViews(new AuditView(api, me, taxonomy.editions));
  }
  if (me.role === "admin") {
    new KeysView(api, desk).load();
  }

  hub = new Hub(server, (owner, edition) => new AlertLog(owner, edition));
  recent = new RecentAlerts(api, document.getElementById("alerts"), document.getElementById("recent-empty"), actions);
  const recentEdition = document.getElementById("recent-edition");
  const liveState = document.getElementById("live-state");
  recentEdition.replaceChildren(...taxonomy.editions.map((e) => new Option(`${e.name} (${e.key})`, e.key)));

  let stopState = null;
  const showEdition = (key) => {
    recentEdition.value = key;
    const log = hub.feed(key);
    // The form announces its edition after every publication; the list it already shows stays as it is (open reports included).
    if (recent.log === log) {
      return;
    }
    recent.show(log);
    if (stopState) {
      stopState();
    }
    stopState = log.listen(() => {
      liveState.dataset.state = log.state;
      liveState.textContent = log.state === "live" ? "Live" : "Reconnecting…";
    });
  };
  recentEdition.addEventListener("change", () => showEdition(recentEdition.value));

  compose = new Compose(api, mine, taxonomy, (event) => {
    const log = hub.feed(event.edition);
    log.applyOwn(event);
    if (recentEdition.value !== event.edition) {
      showEdition(event.edition);
    }
  }, () => waiting.refresh(), (storyId) => story.open(storyId), (edition) => (hub.connected && hub.feeds.has(edition) ? 1 : 0));
  compose.edition.addEventListener("change", () => showEdition(compose.edition.value));
  showEdition(compose.edition.value);
  // Ready to type, without scrolling: on a phone the lists come first and stay in view.
  compose.headline.focus({ preventScroll: true });
}

/** The audit log is a view of its own for chiefs and admins, so the desk's lists stay on one screen. */
function showViews(audit) {
  const views = document.getElementById("views");
  const deskButton = document.getElementById("view-desk");
  const auditButton = document.getElementById("view-audit");
  const auditPanel = document.getElementById("audit-panel");
  views.hidden = false;
  let loaded = false;
  const show = (auditShown) => {
    desk.hidden = auditShown;
    auditPanel.hidden = !auditShown;
    deskButton.setAttribute("aria-pressed", String(!auditShown));
    auditButton.setAttribute("aria-pressed", String(auditShown));
    if (auditShown && !loaded) {
      loaded = true;
      audit.load();
    }
  };
  deskButton.addEventListener("click", () => show(false));
  auditButton.addEventListener("click", () => show(true));
}

signInForm.addEventListener("submit", (event) => {
  event.preventDefault();
  signIn(keyInput.value.trim(), false);
});
document.getElementById("sign-out").addEventListener("click", () => signOut());

async function start() {
  const remembered = storedKey();
  if (remembered) {
    signIn(remembered, true);
    return;
  }
  // Only a server with a provider has sessions: without one the console asks nothing more (and logs no 401).
  const url = await providerSignIn();
  const person = url ? await openSession(() => location.reload()) : null;
  if (person && person.me.role) {
    personSession = person.token;
    await openDesk(person.api, person.me);
    return;
  }
  if (person) {
    personSession = person.token;
    session.hidden = false;
    document.getElementById("who").textContent = `Signed in as ${person.me.name} (no role)`;
  }
  keyError.textContent = person
    ? `You are signed in as ${person.me.name}, but your account has no role in Alerts: ask an administrator to add you to a newsroom group.`
    : new URLSearchParams(location.search).get("signin") === "refused"
      ? "The sign-in was refused. Try again, or ask an administrator."
      : takeMessage() || "";
  if (url) {
    signInForm.append(Object.assign(document.createElement("a"), { href: url, className: "provider-sign-in", textContent: "Sign in with your newsroom account" }));
  }
  keyInput.focus();
}

start();
