// The conference check-in desk: scan a ticket's QR code with the phone's camera where the browser has the
// BarcodeDetector API (progressive enhancement). Without it the page says so and the search by name or email,
// and the ticket code box (for a handheld scanner), work as they are.
const scanner = document.getElementById("check-in-scanner");
const fallback = document.getElementById("check-in-scan-fallback");
const form = document.getElementById("check-in-scan-form");
const canScan = "BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;

async function supportsQr() {
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    return formats.includes("qr_code");
  } catch {
    return false;
  }
}

async function start() {
  const video = document.getElementById("check-in-video");
  const status = document.getElementById("check-in-scan-status");
  const button = document.getElementById("check-in-scan-start");
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  } catch {
    status.textContent = "The camera could not be used. Search by name or email instead.";
    return;
  }
  button.hidden = true;
  video.hidden = false;
  video.srcObject = stream;
  await video.play();
  status.textContent = "Point the camera at the QR code on the ticket.";
  const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  const look = async () => {
    try {
      const codes = await detector.detect(video);
      if (codes.length) {
        stream.getTracks().forEach((track) => track.stop());
        status.textContent = "Ticket read: checking in…";
        form.querySelector("[name=token]").value = codes[0].rawValue;
        form.submit();
        return;
      }
    } catch {
      // A frame that could not be read: try the next one.
    }
    window.setTimeout(look, 250);
  };
  look();
}

if (scanner && form && canScan) {
  supportsQr().then((ok) => {
    if (!ok) return;
    scanner.hidden = false;
    fallback.hidden = true;
    document.getElementById("check-in-scan-start").addEventListener("click", start);
  });
}
