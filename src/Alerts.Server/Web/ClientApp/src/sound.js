// A short two-tone chime from the Web Audio API: no sound file to ship, and nothing plays unless a chief asked for it.
const tones = [880, 660];
const toneSeconds = 0.12;

export function chime() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) {
    return;
  }
  const context = new Context();
  tones.forEach((frequency, index) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.value = 0.1;
    oscillator.connect(gain).connect(context.destination);
    const start = context.currentTime + index * toneSeconds;
    oscillator.start(start);
    oscillator.stop(start + toneSeconds);
  });
  setTimeout(() => context.close(), tones.length * toneSeconds * 1000 + 200);
}
