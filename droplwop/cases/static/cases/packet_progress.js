// Refreshes the progress bar while a packet builds; without JavaScript the page has a Refresh link.
const box = document.getElementById("packet-status");
if (box) {
  const bar = document.getElementById("packet-progress");
  const text = document.getElementById("packet-progress-text");
  const poll = async () => {
    const response = await fetch(box.dataset.statusUrl, { credentials: "same-origin" });
    if (!response.ok) return;
    const data = await response.json();
    if (bar) bar.value = data.progress;
    if (text) text.firstChild.textContent = `${data.progress}% `;
    if (data.status === "done" || data.status === "failed") {
      window.location.reload();
    } else {
      window.setTimeout(poll, 1500);
    }
  };
  window.setTimeout(poll, 1500);
}
