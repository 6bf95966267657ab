// Words the scripts put on the page. Django renders them, translated, into
// <script id="ui-text" type="application/json">; English is the fallback.

const source = document.getElementById("ui-text");
const words = source ? JSON.parse(source.textContent) : {};

export function t(key, english) {
  return words[key] ?? english;
}

// Fills the {braces} of a translated template.
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}
