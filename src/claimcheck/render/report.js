const claims = JSON.parse(document.getElementById('claims-data').textContent);
const panel = document.getElementById('detail');
function el(tag, cls, text){const e=document.createElement(tag);if(cls)e.className=cls;
  if(text!==undefined)e.textContent=text;return e;}
function show(mark){
  document.querySelectorAll('mark.active').forEach(m => m.classList.remove('active'));
  mark.classList.add('active');
  panel.replaceChildren();
  for(const id of mark.dataset.claims.split(' ')){
    const c = claims.find(x => x.id === id); if(c) panel.append(card(c));}}
function card(c){
  const card = el('div','card '+c.verdict);
  card.append(el('div','v', c.verdict.toUpperCase()+' · confidence '+c.confidence.toFixed(2)));
  card.append(el('p','', c.text));
  card.append(el('p','tags', c.rationale));
  for(const ev of c.evidence.slice(0,4)){
    const box = el('div','ev');
    box.append(el('div','v '+({supports:'supported',contradicts:'contradicted'}[ev.stance]||'unverified'),
      ev.stance+' '+ev.score.toFixed(2)+(ev.kind==='claim_review'?' · reviewed claim rated '+ev.rating:'')));
    box.append(el('div','', ev.statement));
    if(ev.citation){
      const cite = el('div','cite', ev.citation.authors+' ('+ev.citation.year+'). '+ev.citation.title+'. ');
      if(ev.citation.link && /^https?:\/\//.test(ev.citation.link)){
        const a = el('a','', ev.citation.link); a.href = ev.citation.link; a.rel='noopener noreferrer';
        cite.append(a);}
      box.append(cite);}
    card.append(box);}
  return card;}
document.querySelectorAll('mark').forEach(m => m.addEventListener('click', () => show(m)));
const first = document.querySelector('mark'); if(first) show(first);
