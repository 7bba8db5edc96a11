// Progressive enhancement of the story form's triads (no inline script: the CSP allows only our files).
// Without scripts each triad is three number inputs whose shares must add up to 100 (the server checks).
// With scripts: changing one share rescales the other two so the sum stays 100, the running total is
// announced, and a triangle appears beside them that can be clicked to place the story. The inputs stay
// the keyboard's way in; the triangle repeats them for pointer users, so it is hidden from assistive tech.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var TOP = [150, 20], LEFT = [10, 262], RIGHT = [290, 262];

  function toXY(a, b, c) {
    return [a * TOP[0] + b * LEFT[0] + c * RIGHT[0], a * TOP[1] + b * LEFT[1] + c * RIGHT[1]];
  }

  function fromXY(x, y) {
    var det = (LEFT[1] - RIGHT[1]) * (TOP[0] - RIGHT[0]) + (RIGHT[0] - LEFT[0]) * (TOP[1] - RIGHT[1]);
    var a = ((LEFT[1] - RIGHT[1]) * (x - RIGHT[0]) + (RIGHT[0] - LEFT[0]) * (y - RIGHT[1])) / det;
    var b = ((RIGHT[1] - TOP[1]) * (x - RIGHT[0]) + (TOP[0] - RIGHT[0]) * (y - RIGHT[1])) / det;
    a = Math.max(0, a); b = Math.max(0, b);
    var c = Math.max(0, 1 - a - b), total = a + b + c;
    return [a / total, b / total, c / total];
  }

  // Whole numbers that add up to exactly 100 (largest remainders).
  function percents(shares) {
    var raw = shares.map(function (s) { return s * 100; });
    var whole = raw.map(Math.floor);
    var left = 100 - whole.reduce(function (t, v) { return t + v; }, 0);
    var order = [0, 1, 2].sort(function (i, j) { return (raw[j] - whole[j]) - (raw[i] - whole[i]); });
    for (var k = 0; k < left; k++) { whole[order[k % 3]] += 1; }
    return whole;
  }

  function enhance(group) {
    var inputs = Array.prototype.slice.call(group.querySelectorAll("[data-triad-corner]"));
    if (inputs.length !== 3) { return; }
    var total = group.querySelector("[data-triad-total]");
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 300 280");
    svg.setAttribute("class", "academy-triad__picker");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var triangle = document.createElementNS(SVG, "polygon");
    triangle.setAttribute("points", [TOP, LEFT, RIGHT].map(function (p) { return p.join(","); }).join(" "));
    triangle.setAttribute("fill", "#e8edee");
    triangle.setAttribute("stroke", "#212b32");
    triangle.setAttribute("stroke-width", "2");
    var marker = document.createElementNS(SVG, "circle");
    marker.setAttribute("r", "8");
    marker.setAttribute("fill", "#005eb8");
    marker.setAttribute("stroke", "#ffffff");
    marker.setAttribute("stroke-width", "2");
    svg.appendChild(triangle);
    svg.appendChild(marker);
    group.querySelector(".academy-triad__inputs").before(svg);

    function values() { return inputs.map(function (input) { return parseInt(input.value, 10) || 0; }); }

    function show() {
      var v = values(), sum = v[0] + v[1] + v[2];
      if (total) { total.textContent = "They add up to " + sum + "."; }
      var shares = sum > 0 ? v.map(function (x) { return x / sum; }) : [1 / 3, 1 / 3, 1 / 3];
      var xy = toXY(shares[0], shares[1], shares[2]);
      marker.setAttribute("cx", xy[0].toFixed(1));
      marker.setAttribute("cy", xy[1].toFixed(1));
    }

    function set(shares) {
      percents(shares).forEach(function (value, i) { inputs[i].value = value; });
      show();
    }

    inputs.forEach(function (input, i) {
      input.addEventListener("change", function () {
        var v = values();
        var own = Math.min(100, Math.max(0, v[i]));
        var others = [0, 1, 2].filter(function (j) { return j !== i; });
        var rest = v[others[0]] + v[others[1]];
        var shares = [0, 0, 0];
        shares[i] = own / 100;
        others.forEach(function (j) {
          shares[j] = rest > 0 ? (1 - own / 100) * v[j] / rest : (1 - own / 100) / 2;
        });
        set(shares);
      });
      input.addEventListener("input", show);
    });

    svg.addEventListener("click", function (event) {
      var point = svg.createSVGPoint();
      point.x = event.clientX; point.y = event.clientY;
      var local = point.matrixTransform(svg.getScreenCTM().inverse());
      set(fromXY(local.x, local.y));
    });
    show();
  }

  document.querySelectorAll("[data-triad]").forEach(enhance);
}());
