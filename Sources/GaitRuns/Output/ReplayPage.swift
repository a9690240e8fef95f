import Foundation
import GaitCore
import GaitRender

/// A replay page: one self-contained HTML file (no network needed) that animates a recorded
/// episode, from the side for planar robots and in 3-D (drag to turn) for others, with play,
/// pause, scrub and speed controls and the per-step reward beside it.
package enum ReplayPage {
    /// `episode` re-simulated once for drawing: every shape's pose at every step (nil for an
    /// environment with nothing to draw, whose page shows the rewards alone) and how the
    /// re-simulation compared. Throws `RenderError.notReplayable` when it differed at its start
    /// or first step.
    package static func replay(_ episode: Episode, registry: EnvironmentRegistry) throws -> Replayed {
        let recording: SceneRecording?
        do {
            recording = try SceneRecording(replaying: episode, registry: registry)
        } catch RenderError.noScene {
            recording = nil
        }
        let outcome = try recording?.outcome ?? EpisodeReplay.replay(episode, registry: registry)
        try outcome.requireDrawable()
        return Replayed(recording: recording, outcome: outcome)
    }

    /// An episode re-simulated for drawing (`replay`).
    package struct Replayed {
        package let recording: SceneRecording?
        package let outcome: EpisodeReplay.Outcome
    }

    /// The page of `episode`, re-simulated (the page shows the steps before a divergence).
    package static func render(_ episode: Episode, registry: EnvironmentRegistry) throws -> (html: String, outcome: EpisodeReplay.Outcome) {
        let replayed = try replay(episode, registry: registry)
        return (try render(episode, replayed: replayed), replayed.outcome)
    }

    /// The page of `episode` from its re-simulation `replayed`.
    package static func render(_ episode: Episode, replayed: Replayed) throws -> String {
        let (recording, outcome) = (replayed.recording, replayed.outcome)
        let fixedBase: Any = recording?.fixedBase.map { [$0.x, $0.y, $0.z] } ?? NSNull()
        let data: [String: Any] = [
            "env": episode.header.environmentID, "seed": episode.header.seed.map { "\($0)" } ?? "none",
            "dt": episode.header.controlTimeStep, "planar": recording?.planar ?? true, "fixed": fixedBase,
            "rewards": episode.rewards.map(rounded),
            "shapes": (recording?.shapes ?? []).map { ["kind": $0.kind.rawValue, "size": $0.size] as [String: Any] },
            "poses": (recording?.poses ?? []).map(rounded), "outcome": outcome.description,
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: data, options: [.sortedKeys]), as: UTF8.self)
        let title = "\(episode.header.environmentID) replay"
        return template.replacingOccurrences(of: "__TITLE__", with: title)
            .replacingOccurrences(of: "__DATA__", with: json.replacingOccurrences(of: "</", with: "<\\/"))
    }

    private static func rounded(_ value: Double) -> Double { (value * 1e4).rounded() / 1e4 }

    private static let template = #"""
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>__TITLE__</title>
<style>
body{font-family:sans-serif;margin:16px;color:#222;background:#fafafa}
#view{background:#fff;border:1px solid #ccc;cursor:grab}
#controls{margin:8px 0;display:flex;gap:10px;align-items:center}
#scrub{width:420px}
#info{font-family:monospace}
</style></head><body>
<h3 id="title"></h3>
<div style="display:flex;gap:16px;flex-wrap:wrap">
<canvas id="view" width="720" height="420"></canvas>
<div><div>reward per step</div><canvas id="chart" width="360" height="200" style="background:#fff;border:1px solid #ccc"></canvas>
<pre id="info"></pre></div></div>
<div id="controls"><button id="play">Pause</button>
<input id="scrub" type="range" min="0" value="0">
<label>speed <select id="speed"><option>0.25</option><option>0.5</option><option selected>1</option><option>2</option><option>4</option></select></label></div>
<script>
const D = __DATA__;
const n = D.rewards.length, S = D.shapes.length, P = 12;
const frames = S > 0 ? D.poses.length / (S * P) : 0;
const view = document.getElementById('view'), g = view.getContext('2d');
const chart = document.getElementById('chart'), c = chart.getContext('2d');
const scrub = document.getElementById('scrub'), play = document.getElementById('play');
const speed = document.getElementById('speed'), info = document.getElementById('info');
document.getElementById('title').textContent = D.env + ' · seed ' + D.seed + ' · ' + n + ' steps · ' + D.outcome;
scrub.max = Math.max(n, 0);
let frame = 0, playing = true, yaw = -0.6, pitch = 0.35, last = null, clock = 0;
let cum = [0]; for (let i = 0; i < n; i++) cum.push(cum[i] + D.rewards[i]);
function pose(f, s) { const o = (f * S + s) * P; return D.poses.slice(o, o + P); }
function apply(p, v) { return [p[0] + p[3]*v[0] + p[4]*v[1] + p[5]*v[2], p[1] + p[6]*v[0] + p[7]*v[1] + p[8]*v[2], p[2] + p[9]*v[0] + p[10]*v[1] + p[11]*v[2]]; }
const floor = D.shapes.some(s => s.kind === 'plane');
function ground(shape) { return shape.kind === 'plane' || shape.kind === 'heightField'; }
function centre(f) {
  if (D.fixed) return D.fixed;
  let x = 0, y = 0, z = 0, k = 0;
  for (let s = 0; s < S; s++) if (!ground(D.shapes[s])) { const p = pose(f, s); x += p[0]; y += p[1]; z += p[2]; k++; }
  return k ? [x / k, y / k, z / k] : [0, 0, 0];
}
// The robot's extent over the whole episode, so that the camera frames all of it: the lowest
// and highest points (the floor counts), and the widest reach around its centre.
function convexCorners(shape) { const z = shape.size, k = []; for (let i = 0; i < z[0]; i++) k.push(z.slice(1 + 3 * i, 4 + 3 * i)); return k; }
function reach(shape) {
  const z = shape.size;
  if (shape.kind === 'convex') return Math.max(...convexCorners(shape).map(q => Math.hypot(...q)));
  return shape.kind === 'capsule' ? z[0] + z[1] : shape.kind === 'ellipsoid' ? Math.max(...z) : Math.hypot(...z);
}
const extent = (() => {
  let low = floor ? 0 : Infinity, high = -Infinity, wide = 0;
  for (let f = 0; f < frames; f++) {
    const [cx, cy] = centre(f);
    for (let s = 0; s < S; s++) {
      if (ground(D.shapes[s])) continue;
      const p = pose(f, s), r = reach(D.shapes[s]);
      low = Math.min(low, p[2] - r); high = Math.max(high, p[2] + r); wide = Math.max(wide, Math.hypot(p[0] - cx, p[1] - cy) + r);
    }
  }
  return frames ? { low, high, wide } : { low: 0, high: 1, wide: 1 };
})();
// Pixels per metre at depth 1; the 3-D camera stands far enough back to show the whole extent.
const focal = 680;
const distance = Math.max(4, 1.2 * focal * Math.max((extent.high - extent.low) / view.height, extent.wide / view.width));
function camera(f) {
  const [cx, cy, cz] = centre(f);
  if (D.planar) {
    const scale = Math.min(150, (view.height - 80) / Math.max(extent.high - extent.low, 0.1));
    return v => [view.width / 2 + (v[0] - cx) * scale, (floor ? view.height - 60 : view.height / 2 + cz * scale) - v[2] * scale, 0, scale];
  }
  const cyaw = Math.cos(yaw), syaw = Math.sin(yaw), cp = Math.cos(pitch), sp = Math.sin(pitch), middle = (extent.low + extent.high) / 2;
  return v => {
    const x = v[0] - cx, y = v[1] - cy, z = v[2] - middle;
    const rx = cyaw * x - syaw * y, ry = syaw * x + cyaw * y;
    const depth = cp * ry + sp * z + distance, up = cp * z - sp * ry;
    const k = focal / Math.max(depth, 0.5);
    return [view.width / 2 + rx * k, view.height / 2 - up * k, depth, k];
  };
}
function drawGround(project, f) {
  if (!floor) return;
  g.strokeStyle = '#bbb'; g.lineWidth = 1;
  const [cx, cy] = centre(f);
  if (D.planar) {
    const y = project([0, 0, 0])[1];
    g.fillStyle = '#eee'; g.fillRect(0, y, view.width, view.height - y);
    for (let x = Math.floor(cx - 4); x <= cx + 4; x += 0.5) { const p = project([x, 0, 0]); g.beginPath(); g.moveTo(p[0], y); g.lineTo(p[0] - 8, y + 10); g.stroke(); }
    g.beginPath(); g.moveTo(0, y); g.lineTo(view.width, y); g.strokeStyle = '#666'; g.stroke();
    return;
  }
  for (let i = -6; i <= 6; i++) {
    const a = project([Math.round(cx) + i, cy - 6, 0]), b = project([Math.round(cx) + i, cy + 6, 0]);
    const d = project([cx - 6, Math.round(cy) + i, 0]), e = project([cx + 6, Math.round(cy) + i, 0]);
    g.beginPath(); g.moveTo(a[0], a[1]); g.lineTo(b[0], b[1]); g.moveTo(d[0], d[1]); g.lineTo(e[0], e[1]); g.stroke();
  }
}
// Height fields as a wire grid: size is [half x, half y, top, base, rows, columns, samples…].
function drawHeightFields(project, f) {
  g.strokeStyle = '#8f9a82'; g.lineWidth = 1;
  for (let s = 0; s < S; s++) {
    const shape = D.shapes[s]; if (shape.kind !== 'heightField') continue;
    const [rx, ry, top, , rows, columns] = shape.size, p = pose(f, s);
    const point = (r, c) => project(apply(p, [-rx + 2 * rx * c / (columns - 1), -ry + 2 * ry * r / (rows - 1), top * shape.size[6 + r * columns + c]]));
    g.beginPath();
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) { const q = point(r, c); if (c) g.lineTo(q[0], q[1]); else g.moveTo(q[0], q[1]); }
    for (let c = 0; c < columns; c++) for (let r = 0; r < rows; r++) { const q = point(r, c); if (r) g.lineTo(q[0], q[1]); else g.moveTo(q[0], q[1]); }
    g.stroke();
  }
}
function hull(points) {
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower = [], upper = [];
  for (const p of points) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop(); lower.push(p); }
  for (const p of points.slice().reverse()) { while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop(); upper.push(p); }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}
function drawScene() {
  g.clearRect(0, 0, view.width, view.height);
  if (!frames) { g.fillStyle = '#666'; g.fillText('this environment has no scene to draw; rewards are on the right', 20, 30); return; }
  const f = Math.min(frame, frames - 1), project = camera(f);
  drawGround(project, f);
  drawHeightFields(project, f);
  const items = [];
  for (let s = 0; s < S; s++) {
    const shape = D.shapes[s]; if (ground(shape)) continue;
    const p = pose(f, s), centreProjected = project([p[0], p[1], p[2]]);
    items.push([centreProjected[2], s, p]);
  }
  items.sort((a, b) => b[0] - a[0]);
  for (const [, s, p] of items) {
    const shape = D.shapes[s], size = shape.size;
    g.fillStyle = g.strokeStyle = 'hsl(' + (25 + 37 * s) % 360 + ',55%,' + (D.planar ? 45 : 50) + '%)';
    if (shape.kind === 'capsule' || shape.kind === 'cylinder') {
      const a = project(apply(p, [0, 0, -size[1]])), b = project(apply(p, [0, 0, size[1]]));
      g.lineCap = shape.kind === 'capsule' ? 'round' : 'butt'; g.lineWidth = 2 * size[0] * (a[3] + b[3]) / 2;
      g.beginPath(); g.moveTo(a[0], a[1]); g.lineTo(b[0], b[1]); g.stroke();
    } else if (shape.kind === 'sphere') {
      const a = project([p[0], p[1], p[2]]);
      g.beginPath(); g.arc(a[0], a[1], size[0] * a[3], 0, 2 * Math.PI); g.fill();
    } else if (shape.kind === 'box' || shape.kind === 'ellipsoid' || shape.kind === 'convex') {
      let corners = [];
      if (shape.kind === 'box') {
        for (const sx of [-1, 1]) for (const sy of [-1, 1]) for (const sz of [-1, 1]) corners.push(project(apply(p, [sx * size[0], sy * size[1], sz * size[2]])));
      } else if (shape.kind === 'convex') {
        corners = convexCorners(shape).map(q => project(apply(p, q)));
      } else {
        for (let i = 0; i <= 8; i++) for (let j = 0; j < 16; j++) {
          const polar = Math.PI * i / 8, around = 2 * Math.PI * j / 16;
          corners.push(project(apply(p, [size[0] * Math.sin(polar) * Math.cos(around), size[1] * Math.sin(polar) * Math.sin(around), size[2] * Math.cos(polar)])));
        }
      }
      const h = hull(corners.map(q => [q[0], q[1]]));
      g.beginPath(); g.moveTo(h[0][0], h[0][1]); for (const q of h.slice(1)) g.lineTo(q[0], q[1]); g.closePath(); g.fill();
    }
  }
}
function drawChart() {
  c.clearRect(0, 0, chart.width, chart.height);
  if (!n) return;
  let lo = Math.min(0, ...D.rewards), hi = Math.max(...D.rewards); if (hi - lo < 1e-9) hi = lo + 1;
  const x = i => 30 + (chart.width - 40) * i / Math.max(n - 1, 1), y = r => 10 + (chart.height - 30) * (1 - (r - lo) / (hi - lo));
  c.strokeStyle = '#999'; c.strokeRect(30, 10, chart.width - 40, chart.height - 30);
  c.fillStyle = '#444'; c.font = '10px sans-serif'; c.fillText(hi.toFixed(2), 0, 14); c.fillText(lo.toFixed(2), 0, chart.height - 20);
  c.strokeStyle = '#1f77b4'; c.beginPath();
  for (let i = 0; i < n; i++) { if (i) c.lineTo(x(i), y(D.rewards[i])); else c.moveTo(x(i), y(D.rewards[i])); }
  c.stroke();
  c.strokeStyle = '#d62728'; c.beginPath(); c.moveTo(x(Math.max(frame - 1, 0)), 10); c.lineTo(x(Math.max(frame - 1, 0)), chart.height - 20); c.stroke();
}
function show() {
  scrub.value = frame; drawScene(); drawChart();
  const r = frame > 0 ? D.rewards[frame - 1] : 0;
  info.textContent = 'step    ' + frame + ' / ' + n + '\ntime    ' + (frame * D.dt).toFixed(2) + ' s\nreward  ' + r.toFixed(4) + '\nreturn  ' + cum[frame].toFixed(2);
}
function tick(now) {
  if (last !== null && playing) {
    clock += (now - last) / 1000 * parseFloat(speed.value);
    const advance = Math.floor(clock / D.dt);
    if (advance > 0) { clock -= advance * D.dt; frame = (frame + advance) % (n + 1); show(); }
  }
  last = now; requestAnimationFrame(tick);
}
play.onclick = () => { playing = !playing; play.textContent = playing ? 'Pause' : 'Play'; };
scrub.oninput = () => { frame = parseInt(scrub.value); show(); };
let drag = null;
view.onmousedown = e => { drag = [e.clientX, e.clientY]; };
window.onmouseup = () => { drag = null; };
window.onmousemove = e => { if (!drag || D.planar) return; yaw += (e.clientX - drag[0]) * 0.01; pitch = Math.max(-1.2, Math.min(1.2, pitch + (e.clientY - drag[1]) * 0.01)); drag = [e.clientX, e.clientY]; show(); };
document.onkeydown = e => { if (e.key === ' ') { play.onclick(); e.preventDefault(); } };
show(); requestAnimationFrame(tick);
</script></body></html>
"""#
}
