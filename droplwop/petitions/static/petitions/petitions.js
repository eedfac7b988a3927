// Progressive enhancement only: the form and the share links work without this file.
for (const field of document.querySelectorAll("[data-referrer]")) {
  field.value = document.referrer.slice(0, 200);
}
const source = document.querySelector("[data-copy-source]");
const button = document.querySelector("[data-copy-button]");
if (source && button && navigator.clipboard) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(source.value);
    button.textContent = button.dataset.copiedLabel;
  });
}
