const topojson = require('./x-topojson-client/package/dist/topojson-client.js');
const world = require('./x-world-atlas/package/countries-110m.json');
const fc = topojson.feature(world, world.objects.countries);
const r = (c) => Array.isArray(c[0]) ? c.map(r) : [Math.round(c[0]*100)/100, Math.round(c[1]*100)/100];
function ringArea(ring){let a=0;for(let i=0,j=ring.length-1;i<ring.length;j=i++){a+=(ring[j][0]+ring[i][0])*(ring[j][1]-ring[i][1]);}return Math.abs(a/2);}
function centroid(ring){let x=0,y=0,a=0;for(let i=0,j=ring.length-1;i<ring.length;j=i++){const f=ring[j][0]*ring[i][1]-ring[i][0]*ring[j][1];x+=(ring[j][0]+ring[i][0])*f;y+=(ring[j][1]+ring[i][1])*f;a+=f*3;}return [Math.round(x/a*100)/100, Math.round(y/a*100)/100];}
fc.features = fc.features.filter((f) => f.properties.name !== 'Antarctica');
// Rings cut at the antimeridian (Russia, Fiji) would draw a line across the world: make them contiguous.
const unwrap = (ring) => ring.some((c) => c[0] > 170) && ring.some((c) => c[0] < -170) ? ring.map((c) => c[0] < 0 ? [c[0] + 360, c[1]] : c) : ring;
for (const f of fc.features) {
  if (f.geometry.type === 'Polygon') f.geometry.coordinates = f.geometry.coordinates.map(unwrap); else f.geometry.coordinates = f.geometry.coordinates.map((p) => p.map(unwrap));
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let best = polys[0][0]; for (const p of polys) if (ringArea(p[0]) > ringArea(best)) best = p[0];
  f.properties = {name: f.properties.name, label: centroid(best), area: Math.round(ringArea(best))};
  f.geometry.coordinates = r(f.geometry.coordinates); delete f.id;
}
process.stdout.write(JSON.stringify(fc));
