// The dashboard: one filter form drives the map, the timeline and the table through /api/incidents.
// Every value from the API is placed with textContent (never innerHTML).
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const form = document.getElementById("filters");
  const mapEl = document.getElementById("map");
  const state = { items: [], bin: "month", request: 0 };

  // ---- filters <-> URL ------------------------------------------------------------------------
  function filterParams() {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (String(value).trim() !== "") params.set(key, String(value).trim());
    }
    return params;
  }

  function loadFiltersFromUrl() {
    const params = new URLSearchParams(location.search);
    for (const [key, value] of params) {
      const field = form.elements.namedItem(key);
      if (!field) continue;
      if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) {
        field.add(new Option(value, value));
      }
      field.value = value;
    }
  }

  // ---- data -----------------------------------------------------------------------------------
  async function fetchAll(params) {
    const items = [];
    let cursor = null;
    let total = 0;
    do {
      const query = new URLSearchParams(params);
      query.set("limit", "500");
      if (cursor) query.set("cursor", cursor);
      const response = await fetch("/api/incidents?" + query.toString(), { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error("API answered " + response.status);
      const page = await response.json();
      items.push(...page.items);
      total = page.total;
      cursor = page.next;
    } while (cursor && items.length < 5000);
    return { items, total };
  }

  async function refresh() {
    const ticket = ++state.request;
    document.body.dataset.state = "loading";
    const params = filterParams();
    history.replaceState(null, "", params.toString() ? "?" + params.toString() : location.pathname);
    for (const [id, path] of [["dl-csv", "/api/incidents.csv"], ["dl-geojson", "/api/incidents.geojson"]]) {
      document.getElementById(id).href = path + (params.toString() ? "?" + params.toString() : "");
    }
    try {
      const { items, total } = await fetchAll(params);
      if (ticket !== state.request) return; // a newer request superseded this one
      state.items = items;
      renderSummary(items, total);
      renderMap(items);
      renderTimeline(items);
      renderTable(items);
      document.body.dataset.state = "ready";
    } catch (error) {
      document.getElementById("total").textContent = "—";
      document.getElementById("total-label").textContent = "could not load incidents: " + error.message;
      document.body.dataset.state = "error";
    }
  }

  // ---- summary --------------------------------------------------------------------------------
  function renderSummary(items, total) {
    document.getElementById("total").textContent = String(total);
    document.getElementById("total-label").textContent = total === 1 ? "incident" : "incidents";
    const killed = items.reduce((sum, i) => sum + (i.killed.best || 0), 0);
    document.getElementById("killed-total").textContent = killed + " killed";
  }

  // ---- map ------------------------------------------------------------------------------------
  let map = null;
  let clusters = null;

  function radiusFor(killed) {
    return 6 + Math.min(26, 2.2 * Math.sqrt(killed || 0));
  }

  function place(i) {
    return [i.site, i.city, i.country].filter(Boolean).join(", ") || "place unknown";
  }

  function setupMap() {
    map = L.map(mapEl, { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([20, 30], 2);
    map.createPane("base").style.zIndex = 150; // under the tiles: seen only when tiles are missing
    const labelPane = map.createPane("labels");
    labelPane.style.zIndex = 160;
    labelPane.style.pointerEvents = "none";
    drawOfflineBase();
    const tiles = mapEl.dataset.tiles;
    if (tiles) {
      let loaded = false;
      const layer = L.tileLayer(tiles, {
        maxZoom: 18,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
      });
      layer.on("tileload", () => { loaded = true; mapEl.dataset.tilesState = "online"; });
      layer.on("tileerror", () => {
        if (!loaded && map.hasLayer(layer)) {
          map.removeLayer(layer);
          showOffline("Offline: map tiles unavailable; country outlines shown");
        }
      });
      layer.addTo(map);
    } else {
      showOffline("Offline base map");
    }
    clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      iconCreateFunction: clusterIcon,
    });
    map.addLayer(clusters);
  }

  function showOffline(message) {
    mapEl.dataset.tilesState = "offline";
    const note = document.getElementById("map-note");
    note.textContent = message;
    note.hidden = false;
  }

  async function drawOfflineBase() {
    // Graticule every 30 degrees, then country outlines and names: readable with no network at all.
    for (let lon = -180; lon <= 180; lon += 30) {
      L.polyline([[-85, lon], [85, lon]], { pane: "base", color: "#b8c4d4", weight: 0.6, interactive: false }).addTo(map);
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      L.polyline([[lat, -180], [lat, 180]], { pane: "base", color: "#b8c4d4", weight: lat === 0 ? 1 : 0.6, interactive: false }).addTo(map);
    }
    const response = await fetch(mapEl.dataset.world);
    if (!response.ok) return;
    const world = await response.json();
    L.geoJSON(world, {
      pane: "base",
      interactive: false,
      style: { color: "#a3acb9", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(map);
    const labels = L.layerGroup();
    for (const feature of world.features) {
      const { name, label, area } = feature.properties;
      if (area < 1) continue;
      const el = document.createElement("span");
      el.textContent = name;
      const marker = L.marker([label[1], label[0]], {
        pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "country-label", html: el, iconSize: null }),
      });
      marker.minZoom = area > 250 ? 2 : area > 40 ? 3 : area > 8 ? 4 : 5; // big countries first
      labels.addLayer(marker);
    }
    labels.addTo(map);
    const showLabels = () => labels.eachLayer((m) => {
      const el = m.getElement();
      if (el) el.style.display = map.getZoom() < m.minZoom ? "none" : ""; // leaflet.css overrides [hidden]
    });
    map.on("zoomend", showLabels);
    showLabels();
  }

  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const killed = children.reduce((sum, m) => sum + (m.options.killed || 0), 0);
    const size = Math.round(28 + Math.min(34, 2.2 * Math.sqrt(killed)));
    const el = document.createElement("span");
    el.textContent = String(children.length);
    el.title = children.length + " incidents, " + killed + " killed";
    return L.divIcon({ html: el, className: "cluster" + (killed < 50 ? " small" : ""), iconSize: [size, size] });
  }

  function tooltipFor(i) {
    const box = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = place(i);
    const line = document.createElement("div");
    const who = i.perpetrators.length ? i.perpetrators[0].name : "perpetrator unknown";
    line.textContent = (i.date || "undated") + " · " + who;
    const toll = document.createElement("div");
    toll.textContent = (i.killed.best ?? "?") + " killed, " + (i.wounded.best ?? "?") + " wounded";
    box.append(title, line, toll);
    return box;
  }

  function renderMap(items) {
    clusters.clearLayers();
    const markers = [];
    for (const i of items) {
      if (i.latitude == null || i.longitude == null) continue;
      const marker = L.circleMarker([i.latitude, i.longitude], {
        radius: radiusFor(i.killed.best), color: "#7a271a", weight: 1.5, fillColor: "#d92d20", fillOpacity: 0.72,
        killed: i.killed.best || 0, incidentId: i.id,
      });
      marker.bindTooltip(tooltipFor(i), { className: "incident-tip", direction: "top" });
      marker.on("click", () => { location.href = "/incidents/" + encodeURIComponent(i.id); });
      markers.push(marker);
    }
    clusters.addLayers(markers);
    mapEl.dataset.markers = String(markers.length);
    const bounds = markers.length ? L.featureGroup(markers).getBounds() : null;
    if (bounds && bounds.getNorthEast().distanceTo(bounds.getSouthWest()) < 50000) {
      map.setView(bounds.getCenter(), 5); // one place: show its region, not a street
    } else if (bounds) {
      map.fitBounds(bounds.pad(0.25), { maxZoom: 6 });
    }
  }

  // ---- timeline -------------------------------------------------------------------------------
  function binKey(day, bin) {
    const d = new Date(day + "T00:00:00Z");
    if (bin === "month") return day.slice(0, 7);
    const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86400000);
    return monday.toISOString().slice(0, 10);
  }

  function binsBetween(first, last, bin) {
    const keys = [];
    let d = new Date(first + (bin === "month" ? "-01" : "") + "T00:00:00Z");
    const end = new Date(last + (bin === "month" ? "-01" : "") + "T00:00:00Z");
    while (d <= end && keys.length < 5000) {
      keys.push(bin === "month" ? d.toISOString().slice(0, 7) : d.toISOString().slice(0, 10));
      d = bin === "month" ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)) : new Date(d.getTime() + 7 * 86400000);
    }
    return keys;
  }

  function svgEl(name, attrs, text) {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function renderTimeline(items) {
    const box = document.getElementById("timeline");
    box.replaceChildren();
    const dated = items.filter((i) => i.date);
    if (!dated.length) return;
    const counts = new Map();
    const killed = new Map();
    for (const i of dated) {
      const key = binKey(i.date, state.bin);
      counts.set(key, (counts.get(key) || 0) + 1);
      killed.set(key, (killed.get(key) || 0) + (i.killed.best || 0));
    }
    const sorted = [...counts.keys()].sort();
    const keys = binsBetween(sorted[0], sorted[sorted.length - 1], state.bin);
    const W = 600, H = 200, left = 30, right = 24, top = 10, bottom = 34;
    const maxCount = Math.max(...counts.values());
    const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "incidents per " + state.bin });
    const slot = (W - left - right) / keys.length;
    for (let k = 0; k <= maxCount; k += Math.max(1, Math.ceil(maxCount / 4))) {
      const y = top + (H - top - bottom) * (1 - k / maxCount);
      svg.append(svgEl("line", { x1: left, x2: W - right, y1: y, y2: y, stroke: "#eef0f3" }));
      svg.append(svgEl("text", { x: left - 4, y: y + 4, "text-anchor": "end", "font-size": 10, fill: "#667085" }, String(k)));
    }
    let lastLabelX = -Infinity;
    let lastYear = null;
    keys.forEach((key, n) => {
      const x = left + n * slot;
      const count = counts.get(key) || 0;
      const year = key.slice(0, 4);
      const text = keys.length <= 8 ? key : year;
      if ((keys.length <= 8 || year !== lastYear) && x - lastLabelX > 34 && x < W - 20) {
        svg.append(svgEl("text", { x: x, y: H - bottom + 14, "font-size": 10, fill: "#667085" }, text));
        svg.append(svgEl("line", { x1: x, x2: x, y1: H - bottom, y2: H - bottom + 4, stroke: "#98a2b3" }));
        lastLabelX = x;
      }
      lastYear = year;
      if (!count) return;
      const h = (H - top - bottom) * count / maxCount;
      const bar = svgEl("rect", { x: x + slot * 0.1, y: top + (H - top - bottom) - h, width: Math.max(slot * 0.8, 3), height: h, fill: "#d92d20", class: "tl-bar" });
      bar.append(svgEl("title", {}, `${key}: ${count} incident${count === 1 ? "" : "s"}, ${killed.get(key)} killed`));
      svg.append(bar);
    });
    svg.append(svgEl("line", { x1: left, x2: W - right, y1: H - bottom, y2: H - bottom, stroke: "#98a2b3" }));
    box.append(svg);
  }

  // ---- table ----------------------------------------------------------------------------------
  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function renderTable(items) {
    const body = document.querySelector("#incidents tbody");
    body.replaceChildren();
    for (const i of items) {
      const row = body.insertRow();
      row.dataset.id = i.id;
      const dateCell = row.insertCell();
      const link = document.createElement("a");
      link.href = "/incidents/" + encodeURIComponent(i.id);
      link.textContent = i.date || "undated";
      dateCell.append(link);
      cell(row, place(i));
      const who = row.insertCell();
      if (i.perpetrators.length) {
        const group = document.createElement("a");
        group.href = "/groups/" + encodeURIComponent(i.perpetrators[0].name);
        group.textContent = i.perpetrators[0].name;
        who.append(group);
        if (i.perpetrators.length > 1) who.append(" +" + (i.perpetrators.length - 1));
      } else {
        who.textContent = "unknown";
      }
      cell(row, i.attack_types.join(", "));
      cell(row, i.killed.best ?? "", "num");
      cell(row, i.wounded.best ?? "", "num");
      cell(row, String(i.reports.length), "num");
    }
    document.getElementById("empty").hidden = items.length > 0;
  }

  // ---- wiring ---------------------------------------------------------------------------------
  let typing = null;
  form.addEventListener("change", refresh);
  form.addEventListener("input", (event) => {
    if (event.target.tagName === "SELECT") return;
    clearTimeout(typing);
    typing = setTimeout(refresh, 350);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(refresh, 0));
  for (const button of document.querySelectorAll(".toggle button")) {
    button.addEventListener("click", () => {
      state.bin = button.dataset.bin;
      for (const b of document.querySelectorAll(".toggle button")) b.classList.toggle("on", b === button);
      renderTimeline(state.items);
    });
  }

  loadFiltersFromUrl();
  setupMap();
  refresh();
})();
