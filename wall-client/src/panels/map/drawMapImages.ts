/**
 * Images the map draws itself at start-up (nothing is fetched): the marker atlas for the
 * deck.gl icon layers and the hatch pattern of red areas. Browser only (canvas).
 */
import { ICON_CELL, ICON_NAMES, type IconName } from './iconMapping';

type Draw = (g: CanvasRenderingContext2D, s: number) => void;

function cameraBody(g: CanvasRenderingContext2D, s: number): void {
  g.beginPath();
  g.roundRect(s * 0.12, s * 0.3, s * 0.56, s * 0.4, s * 0.06);
  g.moveTo(s * 0.68, s * 0.44);
  g.lineTo(s * 0.9, s * 0.3);
  g.lineTo(s * 0.9, s * 0.7);
  g.lineTo(s * 0.68, s * 0.56);
  g.closePath();
}

const SHAPES: Record<IconName, Draw> = {
  triangle(g, s) {
    g.beginPath();
    g.moveTo(s / 2, s * 0.06);
    g.lineTo(s * 0.95, s * 0.88);
    g.lineTo(s * 0.05, s * 0.88);
    g.closePath();
    g.fill();
  },
  diamond(g, s) {
    g.beginPath();
    g.moveTo(s / 2, s * 0.06);
    g.lineTo(s * 0.94, s / 2);
    g.lineTo(s / 2, s * 0.94);
    g.lineTo(s * 0.06, s / 2);
    g.closePath();
    g.fill();
  },
  circle(g, s) {
    g.beginPath();
    g.arc(s / 2, s / 2, s * 0.42, 0, Math.PI * 2);
    g.fill();
  },
  square(g, s) {
    // A case: a square with a clock hand cut out, so it reads as "a running deadline".
    g.beginPath();
    g.roundRect(s * 0.1, s * 0.1, s * 0.8, s * 0.8, s * 0.1);
    g.fill();
    g.globalCompositeOperation = 'destination-out';
    g.lineWidth = s * 0.09;
    g.lineCap = 'round';
    g.beginPath();
    g.moveTo(s / 2, s * 0.26);
    g.lineTo(s / 2, s / 2);
    g.lineTo(s * 0.68, s * 0.62);
    g.stroke();
    g.globalCompositeOperation = 'source-over';
  },
  camera(g, s) {
    cameraBody(g, s);
    g.fill();
  },
  'camera-offline'(g, s) {
    g.lineWidth = s * 0.08;
    cameraBody(g, s);
    g.stroke();
    g.beginPath();
    g.moveTo(s * 0.1, s * 0.1);
    g.lineTo(s * 0.9, s * 0.9);
    g.moveTo(s * 0.9, s * 0.1);
    g.lineTo(s * 0.1, s * 0.9);
    g.stroke();
  },
  'camera-fault'(g, s) {
    g.lineWidth = s * 0.08;
    cameraBody(g, s);
    g.stroke();
    g.fillRect(s * 0.35, s * 0.36, s * 0.1, s * 0.18);
    g.fillRect(s * 0.35, s * 0.58, s * 0.1, s * 0.07);
  },
};

/**
 * The marker atlas as a canvas (white shapes; deck.gl tints them, `mask: true`). Handed to
 * deck.gl as an image, not as a data: URL, which it would fetch (and the page's
 * Content-Security-Policy rightly refuses data: for connect-src).
 */
export function drawIconAtlas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = ICON_CELL * ICON_NAMES.length;
  canvas.height = ICON_CELL;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) throw new Error('no 2D canvas');
  g.fillStyle = '#fff';
  g.strokeStyle = '#fff';
  ICON_NAMES.forEach((name, i) => {
    g.save();
    g.translate(i * ICON_CELL, 0);
    SHAPES[name](g, ICON_CELL);
    g.restore();
  });
  return canvas;
}

/** Diagonal stripes for red areas (a pattern, so red is not told by hue alone). */
export function drawHatch(size = 12): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  // Read back once: keep the canvas on the CPU (a GPU canvas makes getImageData wait for it).
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) throw new Error('no 2D canvas');
  g.strokeStyle = 'rgba(255, 235, 235, 0.85)';
  g.lineWidth = 2;
  g.beginPath();
  // Three segments so the stripes join across tile edges.
  for (const offset of [-size, 0, size]) {
    g.moveTo(offset, size);
    g.lineTo(offset + size, 0);
  }
  g.stroke();
  return g.getImageData(0, 0, size, size);
}
