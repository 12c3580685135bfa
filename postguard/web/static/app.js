// postguard's page: checks the draft as you type through the local API (POST /api/check), marks
// each finding in the draft and lists it beside, and explains the selected one. Plain JS, no
// build step; everything it loads comes from this server (the CSP forbids anything else).
"use strict";

const DEBOUNCE_MS = 150;
const ICONS = { error: "\u2716", warning: "\u25B2", info: "i" };
const SEVERITY_ORDER = { info: 1, warning: 2, error: 3 };
const FORMAT_BY_EXTENSION = { md: "markdown", markdown: "markdown", html: "html", htm: "html", txt: "text" };

const TEXTS = {
  en: {
    skipToFindings: "Skip to the findings",
    tagline: "Check a draft against your organisation's social-media policy. Nothing you type leaves this computer.",
    uiLanguage: "Interface language",
    draftHeading: "Your draft",
    draftLabel: "Paste or type your draft here, or drop a file on it. It is checked as you type.",
    langLabel: "Language of the draft",
    langAuto: "Detect",
    langEn: "English",
    langNb: "Norwegian Bokmål",
    formatLabel: "Format",
    formatAuto: "Detect",
    formatText: "Plain text",
    fileLabel: "Open a file",
    revealLabel: "Reveal private data (on this computer only)",
    copyRedacted: "Copy a redacted version",
    privacyNote: "Private data such as phone numbers and e-mail addresses is masked in the results below, so they can be shown on a shared screen.",
    redactedHeading: "Redacted version",
    resultHeading: "Result",
    summaryEmpty: "Paste a draft to check it.",
    markedHeading: "Your draft, marked",
    findingsHeading: "Findings",
    guidanceHeading: "Why, and how to fix it",
    sevError: "Error",
    sevWarning: "Warning",
    sevInfo: "Note",
    checking: "Checking…",
    clean: "No problems found: the draft follows the policy.",
    mustFix: (n) => `${n} must be fixed`,
    toConsider: (n) => `${n} to consider`,
    detected: (lang, format) => `Read as ${lang}, ${format}.`,
    langNames: { en: "English", nb: "Norwegian Bokmål" },
    formatNames: { text: "plain text", markdown: "Markdown", html: "HTML" },
    where: (line, column) => `line ${line}, column ${column}`,
    meta: (rule, category, line, column) => `Rule ${rule} (${category}), line ${line}, column ${column}.`,
    privateData: "private data",
    markLabel: (severity, message) => `${severity}: ${message}`,
    copied: (n) => `Copied to the clipboard: ${n} item(s) of private data replaced.`,
    notCopied: (n) => `${n} item(s) of private data replaced. Copy the text from the box below.`,
    failed: (message) => `Could not check the draft: ${message}`,
    noServer: "The postguard server does not answer. Is 'postguard serve' still running?",
  },
  nb: {
    skipToFindings: "Gå til funnene",
    tagline: "Sjekk et utkast mot virksomhetens retningslinjer for sosiale medier. Ingenting du skriver, forlater denne maskinen.",
    uiLanguage: "Språk i grensesnittet",
    draftHeading: "Utkastet ditt",
    draftLabel: "Lim inn eller skriv utkastet her, eller slipp en fil på feltet. Det sjekkes mens du skriver.",
    langLabel: "Språk i utkastet",
    langAuto: "Finn automatisk",
    langEn: "Engelsk",
    langNb: "Norsk bokmål",
    formatLabel: "Format",
    formatAuto: "Finn automatisk",
    formatText: "Ren tekst",
    fileLabel: "Åpne en fil",
    revealLabel: "Vis private opplysninger (bare på denne maskinen)",
    copyRedacted: "Kopier en sladdet versjon",
    privacyNote: "Private opplysninger som telefonnumre og e-postadresser er skjult i resultatet under, så det kan vises på en delt skjerm.",
    redactedHeading: "Sladdet versjon",
    resultHeading: "Resultat",
    summaryEmpty: "Lim inn et utkast for å sjekke det.",
    markedHeading: "Utkastet ditt, markert",
    findingsHeading: "Funn",
    guidanceHeading: "Hvorfor, og hvordan du retter det",
    sevError: "Feil",
    sevWarning: "Advarsel",
    sevInfo: "Merknad",
    checking: "Sjekker …",
    clean: "Ingen problemer funnet: utkastet følger retningslinjene.",
    mustFix: (n) => `${n} må rettes`,
    toConsider: (n) => `${n} bør vurderes`,
    detected: (lang, format) => `Lest som ${lang}, ${format}.`,
    langNames: { en: "engelsk", nb: "norsk bokmål" },
    formatNames: { text: "ren tekst", markdown: "Markdown", html: "HTML" },
    where: (line, column) => `linje ${line}, kolonne ${column}`,
    meta: (rule, category, line, column) => `Regel ${rule} (${category}), linje ${line}, kolonne ${column}.`,
    privateData: "private opplysninger",
    markLabel: (severity, message) => `${severity}: ${message}`,
    copied: (n) => `Kopiert til utklippstavlen: ${n} private opplysning(er) byttet ut.`,
    notCopied: (n) => `${n} private opplysning(er) byttet ut. Kopier teksten fra feltet under.`,
    failed: (message) => `Kunne ikke sjekke utkastet: ${message}`,
    noServer: "postguard-serveren svarer ikke. Kjører 'postguard serve' fortsatt?",
  },
};

const state = {
  ui: "en",
  report: null, // the last /api/check response
  text: "", // the draft that report is about
  findings: [],
  selected: -1,
  sequence: 0, // only the newest request's answer is shown
  controller: null,
  timer: 0,
  lastInputAt: 0,
};

const $ = (id) => document.getElementById(id);

function t(key, ...args) {
  const value = TEXTS[state.ui][key] ?? TEXTS.en[key];
  return typeof value === "function" ? value(...args) : value;
}

function severityName(label) {
  return t({ error: "sevError", warning: "sevWarning", info: "sevInfo" }[label]);
}

function applyTexts() {
  document.documentElement.lang = state.ui;
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n);
  }
  $("ui-lang").value = state.ui;
  if (state.report) render();
  else if (!$("draft").value.trim()) showSummary(t("summaryEmpty"));
}

function browserLanguage() {
  const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const tag of wanted) {
    if (/^(nb|no|nn)\b/i.test(tag || "")) return "nb";
    if (/^en\b/i.test(tag || "")) return "en";
  }
  return "en";
}

// --- checking -------------------------------------------------------------------------------

function scheduleCheck() {
  state.lastInputAt = performance.now();
  clearTimeout(state.timer);
  state.timer = setTimeout(runCheck, DEBOUNCE_MS);
}

function draftRequest() {
  return { text: $("draft").value, format: $("format").value, lang: $("lang").value };
}

async function postJson(path, body, signal) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
  return data;
}

async function runCheck() {
  const request = draftRequest();
  if (state.controller) state.controller.abort();
  const sequence = ++state.sequence;
  if (!request.text.trim()) {
    state.controller = null;
    state.report = null;
    state.findings = [];
    state.selected = -1;
    render();
    return;
  }
  state.controller = new AbortController();
  document.body.dataset.state = "checking";
  request.show_matches = $("reveal").checked;
  try {
    const report = await postJson("/api/check", request, state.controller.signal);
    if (sequence !== state.sequence) return;
    const previous = state.findings[state.selected];
    state.report = report;
    state.text = request.text;
    state.findings = report.files[0].findings;
    state.selected = previous ? state.findings.findIndex((f) => sameFinding(f, previous)) : -1;
    render();
    // for tests and measurements: how long from the last keystroke, and which draft is shown
    document.body.dataset.checkMs = String(Math.round(performance.now() - state.lastInputAt));
    document.body.dataset.checkedLength = String(request.text.length);
    document.body.dataset.state = "done";
  } catch (error) {
    if (error.name === "AbortError" || sequence !== state.sequence) return;
    document.body.dataset.state = "error";
    showSummary(t("failed", error instanceof TypeError ? t("noServer") : error.message), true);
  }
}

function sameFinding(a, b) {
  return a.rule === b.rule && a.start === b.start && a.end === b.end;
}

// --- rendering ------------------------------------------------------------------------------

function showSummary(text, isError = false) {
  const summary = $("summary");
  summary.textContent = text;
  summary.classList.toggle("failed", isError);
}

function summaryLine(report) {
  const failAt = SEVERITY_ORDER[report.summary.fail_on];
  const findings = report.files[0].findings;
  if (!findings.length) return t("clean");
  const blocking = findings.filter((f) => SEVERITY_ORDER[f.severity] >= failAt).length;
  const rest = findings.length - blocking;
  const parts = [];
  if (blocking) parts.push(t("mustFix", blocking));
  if (rest) parts.push(t("toConsider", rest));
  return `${parts.join(", ")}.`;
}

function render() {
  const highlighted = $("highlighted");
  const list = $("findings");
  highlighted.replaceChildren();
  list.replaceChildren();
  if (!state.report) {
    $("detail").hidden = true;
    showSummary(t("summaryEmpty"));
    delete document.body.dataset.findings;
    return;
  }
  const file = state.report.files[0];
  showSummary(`${summaryLine(state.report)} ${t("detected", t("langNames")[file.language], t("formatNames")[file.format])}`);
  renderMarked(highlighted);
  state.findings.forEach((finding, index) => list.append(findingItem(finding, index)));
  document.body.dataset.findings = String(state.findings.length);
  showSelection(false);
}

// Offsets from the API count code points; JavaScript strings count UTF-16 units.
function codePointIndex(text) {
  const units = [0];
  let unit = 0;
  for (const character of text) {
    unit += character.length;
    units.push(unit);
  }
  return units;
}

// The draft cut at every finding's start and end; each piece is marked with the findings over it.
function renderMarked(container) {
  const text = state.text;
  const units = codePointIndex(text);
  const cuts = new Set([0, units.length - 1]);
  for (const f of state.findings) {
    cuts.add(Math.min(f.start, units.length - 1));
    cuts.add(Math.min(f.end, units.length - 1));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const started = new Set();
  for (let k = 0; k + 1 < points.length; k++) {
    const [from, to] = [points[k], points[k + 1]];
    const over = [];
    state.findings.forEach((f, index) => {
      if (f.start <= from && f.end >= to) over.push(index);
    });
    const piece = text.slice(units[from], units[to]);
    if (!over.length) {
      container.append(piece);
      continue;
    }
    const worst = over.reduce((a, b) => (SEVERITY_ORDER[state.findings[b].severity] > SEVERITY_ORDER[state.findings[a].severity] ? b : a));
    const mark = document.createElement("mark");
    mark.className = `sev-${state.findings[worst].severity}`;
    mark.dataset.findings = over.join(" ");
    mark.tabIndex = 0;
    mark.setAttribute("role", "button");
    const first = over.find((index) => !started.has(index));
    if (first !== undefined) {
      over.forEach((index) => started.add(index));
      const icon = document.createElement("span");
      icon.className = `icon sev-${state.findings[first].severity}`;
      icon.setAttribute("aria-hidden", "true");
      mark.append(icon);
    }
    const masked = over.map((index) => state.findings[index]).find((f) => f.masked);
    const shown = document.createElement("span");
    if (masked) {
      shown.textContent = [...masked.excerpt].slice(from - masked.start, to - masked.start).join("");
      mark.classList.add("masked");
    } else {
      appendWithCues(shown, text, units, from, to, over);
    }
    mark.append(shown);
    const described = state.findings[pickFinding(over)];
    mark.setAttribute("aria-label", t("markLabel", severityName(described.severity), described.message));
    mark.addEventListener("click", () => selectFromMark(over));
    mark.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        selectFromMark(over);
      }
    });
    container.append(mark);
  }
}

// The piece of the draft from code point `from` to `to`, with the words that the model findings
// over it weighed most (their `cues`) in a span of their own, so they stand out in the mark.
function appendWithCues(shown, text, units, from, to, over) {
  const cues = over
    .flatMap((index) => state.findings[index].cues || [])
    .map((cue) => [Math.max(cue.start, from), Math.min(cue.end, to)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  let at = from;
  for (const [start, end] of cues) {
    if (start < at) continue;
    shown.append(text.slice(units[at], units[start]));
    const cue = document.createElement("span");
    cue.className = "cue";
    cue.textContent = text.slice(units[start], units[end]);
    shown.append(cue);
    at = end;
  }
  shown.append(text.slice(units[at], units[to]));
}

// The most specific finding under a mark: the shortest one.
function pickFinding(over) {
  return over.reduce((a, b) => (spanLength(state.findings[b]) < spanLength(state.findings[a]) ? b : a));
}

function spanLength(finding) {
  return finding.end - finding.start;
}

function findingItem(finding, index) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = `finding sev-${finding.severity}`;
  button.dataset.index = String(index);
  const icon = document.createElement("span");
  icon.className = `icon sev-${finding.severity}`;
  icon.setAttribute("aria-hidden", "true");
  const severity = document.createElement("span");
  severity.className = "severity";
  severity.textContent = severityName(finding.severity);
  const message = document.createElement("span");
  message.className = "message";
  message.textContent = finding.message;
  const where = document.createElement("span");
  where.className = "where";
  where.textContent = t("where", finding.line, finding.column);
  button.append(icon, severity, message, where);
  button.addEventListener("click", () => select(index, "list"));
  item.append(button);
  return item;
}

// --- selection ------------------------------------------------------------------------------

function selectFromMark(over) {
  // a second click on the same place moves to the next finding there (overlapping findings)
  const current = over.indexOf(state.selected);
  const next = current >= 0 ? over[(current + 1) % over.length] : pickFinding(over);
  select(next, "mark");
}

function select(index, from) {
  state.selected = index;
  showSelection(true, from);
}

function showSelection(scroll, from) {
  const index = state.selected;
  for (const mark of $("highlighted").querySelectorAll("mark")) {
    const chosen = mark.dataset.findings.split(" ").includes(String(index));
    mark.classList.toggle("selected", chosen);
    mark.setAttribute("aria-pressed", String(chosen));
  }
  for (const button of $("findings").querySelectorAll("button")) {
    const chosen = button.dataset.index === String(index);
    button.classList.toggle("selected", chosen);
    button.setAttribute("aria-pressed", String(chosen));
  }
  const finding = state.findings[index];
  const detail = $("detail");
  if (!finding) {
    detail.hidden = true;
    return;
  }
  detail.hidden = false;
  detail.className = `detail sev-${finding.severity}`;
  const title = $("detail-title");
  const icon = document.createElement("span");
  icon.className = `icon sev-${finding.severity}`;
  icon.setAttribute("aria-hidden", "true");
  title.replaceChildren(icon, ` ${severityName(finding.severity)}: `, excerptElement(finding));
  $("detail-message").textContent = finding.message;
  $("detail-guidance").textContent = finding.guidance;
  $("detail-meta").textContent = t("meta", finding.rule, finding.category, finding.line, finding.column);
  if (!scroll) return;
  const other = from === "list" ? $("highlighted").querySelector("mark.selected") : $("findings").querySelector("button.selected");
  if (other) other.scrollIntoView({ block: "nearest" });
}

function excerptElement(finding) {
  const quote = document.createElement("q");
  quote.className = finding.masked ? "masked" : "";
  quote.textContent = finding.excerpt;
  if (finding.masked) quote.title = t("privateData");
  return quote;
}

// --- redaction, files, settings -------------------------------------------------------------

async function copyRedacted() {
  const request = draftRequest();
  const status = $("redacted-status");
  if (!request.text.trim()) return;
  try {
    const data = await postJson("/api/redact", request);
    $("redacted").value = data.text;
    $("redacted-box").hidden = false;
    try {
      await navigator.clipboard.writeText(data.text);
      status.textContent = t("copied", data.redacted);
    } catch {
      status.textContent = t("notCopied", data.redacted);
    }
  } catch (error) {
    $("redacted-box").hidden = false;
    status.textContent = t("failed", error.message);
  }
}

async function loadFile(file) {
  if (!file) return;
  const extension = (file.name.split(".").pop() || "").toLowerCase();
  if (FORMAT_BY_EXTENSION[extension] && $("format").value === "auto") $("format").value = FORMAT_BY_EXTENSION[extension];
  $("draft").value = await file.text();
  scheduleCheck();
}

function start() {
  const saved = localStorage.getItem("postguard.ui");
  state.ui = saved in TEXTS ? saved : browserLanguage();
  applyTexts();
  const draft = $("draft");
  draft.addEventListener("input", scheduleCheck);
  draft.addEventListener("dragover", (event) => event.preventDefault());
  draft.addEventListener("drop", (event) => {
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    loadFile(event.dataTransfer.files[0]);
  });
  $("file").addEventListener("change", (event) => loadFile(event.target.files[0]));
  for (const id of ["lang", "format", "reveal"]) $(id).addEventListener("change", scheduleCheck);
  $("copy-redacted").addEventListener("click", copyRedacted);
  $("ui-lang").addEventListener("change", (event) => {
    state.ui = event.target.value;
    localStorage.setItem("postguard.ui", state.ui);
    applyTexts();
  });
  if (draft.value.trim()) scheduleCheck();
}

document.addEventListener("DOMContentLoaded", start);
