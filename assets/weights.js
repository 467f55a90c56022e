// Live sums on the weights page: a progressive enhancement of templates/procurements/plan/weights.html.
// Without JavaScript the server works the sums out when the form is saved; with it, each sum follows what is
// typed. Decimal weights are added exactly (as scaled integers), never as binary floating point, so 33.3 + 33.3
// + 33.4 is 100. The level counts as adding up to 100 within ±0.001, the same tolerance as the server.
// Loaded as an ES module (no inline script, so the Content Security Policy stays strict).

const NUMBER = /^\s*(\d*)(?:\.(\d*))?\s*$/;

// "12.5" -> {digits: "125", places: 1}; "" -> 0; null when the text is not a non-negative decimal number.
function parse(text) {
  const match = NUMBER.exec(text);
  if (!match) return null;
  const [, whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "" && text.includes(".")) return null;
  return { digits: (whole || "0") + fraction, places: fraction.length };
}

// The exact sum of the inputs' values, or null if any of them is not a number. Empty boxes count as 0.
function total(inputs) {
  const numbers = inputs.map((input) => parse(input.value));
  if (numbers.some((n) => n === null)) return null;
  const places = Math.max(0, ...numbers.map((n) => n.places));
  const sum = numbers.reduce((acc, n) => acc + BigInt(n.digits + "0".repeat(places - n.places)), 0n);
  return { sum, places };
}

function format({ sum, places }) {
  const digits = sum.toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

function isHundred({ sum, places }) {
  const unit = 10n ** BigInt(places);
  const gap = sum > 100n * unit ? sum - 100n * unit : 100n * unit - sum;
  return gap * 1000n <= unit; // |sum - 100| <= 0.001
}

// Show the sum in the live region (with ", not 100" inside it, so it is announced) and mark the paragraph.
function show(span, inputs) {
  if (!span) return;
  const paragraph = span.parentElement;
  const result = total(inputs);
  const right = result !== null && isHundred(result);
  span.textContent = result === null ? "– (a weight is not a number)" : format(result) + (right ? "" : ", not 100");
  const after = span.nextSibling;
  if (after && after.nodeType === Node.TEXT_NODE) after.textContent = ".";
  paragraph.classList.toggle("app-sum--wrong", !right);
}

function update(form) {
  const scoredSections = [];
  for (const fieldset of form.querySelectorAll(".app-weights-section")) {
    const criteria = [...fieldset.querySelectorAll("input.app-criterion-weight")];
    if (criteria.length === 0) continue; // only pass/fail criteria: the section weight must be 0
    show(fieldset.querySelector(".app-sum"), criteria);
    const sectionWeight = fieldset.querySelector("input.app-section-weight");
    if (sectionWeight) scoredSections.push(sectionWeight);
  }
  const sections = form.querySelector("#sum-sections .app-sum");
  if (sections) show(sections, scoredSections);
}

for (const form of document.querySelectorAll('form[data-module="app-weights"]')) {
  form.addEventListener("input", (event) => {
    if (event.target instanceof HTMLInputElement) update(form);
  });
}
