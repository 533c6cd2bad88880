/** The names of the demo register's branches, Labour Groups and affiliates, in English and Welsh. */

/** Three branches in each constituency, by community: [English, Welsh]. */
export const branchesByConstituency: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  aberavon: [
    ['Port Talbot', 'Port Talbot'],
    ['Baglan', 'Baglan'],
    ['Cwmafan', 'Cwmafan'],
  ],
  aberconwy: [
    ['Conwy', 'Conwy'],
    ['Llandudno Junction', 'Cyffordd Llandudno'],
    ['Betws-y-Coed', 'Betws-y-Coed'],
  ],
  'alyn-and-deeside': [
    ["Connah's Quay", 'Cei Connah'],
    ['Buckley', 'Bwcle'],
    ['Shotton', 'Shotton'],
  ],
  arfon: [
    ['Bangor', 'Bangor'],
    ['Caernarfon', 'Caernarfon'],
    ['Bethesda', 'Bethesda'],
  ],
  'blaenau-gwent': [
    ['Ebbw Vale', 'Glynebwy'],
    ['Tredegar', 'Tredegar'],
    ['Abertillery', 'Abertyleri'],
  ],
  'brecon-and-radnorshire': [
    ['Brecon', 'Aberhonddu'],
    ['Llandrindod Wells', 'Llandrindod'],
    ['Ystradgynlais', 'Ystradgynlais'],
  ],
  bridgend: [
    ['Brackla', 'Bracla'],
    ['Porthcawl', 'Porthcawl'],
    ['Cefn Glas', 'Cefn Glas'],
  ],
  caerphilly: [
    ['Bedwas', 'Bedwas'],
    ['Llanbradach', 'Llanbradach'],
    ['Penyrheol', 'Pen-yr-heol'],
  ],
  'cardiff-central': [
    ['Cathays', 'Cathays'],
    ['Roath', 'y Rhath'],
    ['Adamsdown', 'Adamsdown'],
  ],
  'cardiff-north': [
    ['Whitchurch', 'yr Eglwys Newydd'],
    ['Llanishen', 'Llanisien'],
    ['Heath', 'y Mynydd Bychan'],
  ],
  'cardiff-south-and-penarth': [
    ['Grangetown', 'Grangetown'],
    ['Butetown', 'Butetown'],
    ['Penarth', 'Penarth'],
  ],
  'cardiff-west': [
    ['Canton', 'Treganna'],
    ['Ely', 'Trelái'],
    ['Llandaff', 'Llandaf'],
  ],
  'carmarthen-east-and-dinefwr': [
    ['Ammanford', 'Rhydaman'],
    ['Llandeilo', 'Llandeilo'],
    ['Llandovery', 'Llanymddyfri'],
  ],
  'carmarthen-west-and-south-pembrokeshire': [
    ['Carmarthen', 'Caerfyrddin'],
    ['Pembroke', 'Penfro'],
    ['Tenby', 'Dinbych-y-pysgod'],
  ],
  ceredigion: [
    ['Aberystwyth', 'Aberystwyth'],
    ['Cardigan', 'Aberteifi'],
    ['Lampeter', 'Llanbedr Pont Steffan'],
  ],
  'clwyd-south': [
    ['Llangollen', 'Llangollen'],
    ['Ruabon', 'Rhiwabon'],
    ['Cefn Mawr', 'Cefn Mawr'],
  ],
  'clwyd-west': [
    ['Colwyn Bay', 'Bae Colwyn'],
    ['Abergele', 'Abergele'],
    ['Ruthin', 'Rhuthun'],
  ],
  'cynon-valley': [
    ['Aberdare', 'Aberdâr'],
    ['Mountain Ash', 'Aberpennar'],
    ['Hirwaun', 'Hirwaun'],
  ],
  delyn: [
    ['Flint', 'y Fflint'],
    ['Holywell', 'Treffynnon'],
    ['Mold', 'yr Wyddgrug'],
  ],
  'dwyfor-meirionnydd': [
    ['Pwllheli', 'Pwllheli'],
    ['Dolgellau', 'Dolgellau'],
    ['Porthmadog', 'Porthmadog'],
  ],
  gower: [
    ['Gorseinon', 'Gorseinon'],
    ['Pontarddulais', 'Pontarddulais'],
    ['Penclawdd', 'Penclawdd'],
  ],
  islwyn: [
    ['Blackwood', 'Coed-duon'],
    ['Risca', 'Rhisga'],
    ['Newbridge', 'Trecelyn'],
  ],
  llanelli: [
    ['Burry Port', 'Porth Tywyn'],
    ['Llwynhendy', 'Llwynhendy'],
    ['Felinfoel', 'Felin-foel'],
  ],
  'merthyr-tydfil-and-rhymney': [
    ['Dowlais', 'Dowlais'],
    ['Rhymney', 'Rhymni'],
    ['Treharris', 'Treharris'],
  ],
  monmouth: [
    ['Abergavenny', 'y Fenni'],
    ['Chepstow', 'Cas-gwent'],
    ['Usk', 'Brynbuga'],
  ],
  montgomeryshire: [
    ['Newtown', 'y Drenewydd'],
    ['Welshpool', 'y Trallwng'],
    ['Machynlleth', 'Machynlleth'],
  ],
  neath: [
    ['Briton Ferry', 'Llansawel'],
    ['Glynneath', 'Glyn-nedd'],
    ['Pontardawe', 'Pontardawe'],
  ],
  'newport-east': [
    ['Caldicot', 'Cil-y-coed'],
    ['Alway', 'Alway'],
    ['Ringland', 'Ringland'],
  ],
  'newport-west': [
    ['Pillgwenlly', 'Pillgwenlli'],
    ['Bettws', 'Betws'],
    ['Rogerstone', 'Tŷ-du'],
  ],
  ogmore: [
    ['Maesteg', 'Maesteg'],
    ['Pencoed', 'Pencoed'],
    ['Ogmore Vale', 'Cwm Ogwr'],
  ],
  pontypridd: [
    ['Treforest', 'Trefforest'],
    ['Llantrisant', 'Llantrisant'],
    ['Church Village', "Pentre'r Eglwys"],
  ],
  'preseli-pembrokeshire': [
    ['Haverfordwest', 'Hwlffordd'],
    ['Milford Haven', 'Aberdaugleddau'],
    ['Fishguard', 'Abergwaun'],
  ],
  rhondda: [
    ['Treorchy', 'Treorci'],
    ['Porth', 'y Porth'],
    ['Ferndale', 'Glynrhedynog'],
  ],
  'swansea-east': [
    ['Morriston', 'Treforys'],
    ['Bonymaen', 'Bôn-y-maen'],
    ['St Thomas', 'St Thomas'],
  ],
  'swansea-west': [
    ['Sketty', 'Sgeti'],
    ['Uplands', 'Uplands'],
    ['Mumbles', 'y Mwmbwls'],
  ],
  torfaen: [
    ['Pontypool', 'Pont-y-pŵl'],
    ['Cwmbran', 'Cwmbrân'],
    ['Blaenavon', 'Blaenafon'],
  ],
  'vale-of-clwyd': [
    ['Rhyl', 'y Rhyl'],
    ['Prestatyn', 'Prestatyn'],
    ['Denbigh', 'Dinbych'],
  ],
  'vale-of-glamorgan': [
    ['Barry', 'y Barri'],
    ['Cowbridge', 'y Bont-faen'],
    ['Llantwit Major', 'Llanilltud Fawr'],
  ],
  wrexham: [
    ['Acton', 'Acton'],
    ['Gresford', 'Gresffordd'],
    ['Rhosllanerchrugog', 'Rhosllannerchrugog'],
  ],
  'ynys-mon': [
    ['Holyhead', 'Caergybi'],
    ['Llangefni', 'Llangefni'],
    ['Amlwch', 'Amlwch'],
  ],
};

/** A Labour Group on each of Wales's 22 councils: [English, Welsh] council names. */
export const councils: readonly (readonly [string, string])[] = [
  ['Blaenau Gwent', 'Blaenau Gwent'],
  ['Bridgend', 'Pen-y-bont ar Ogwr'],
  ['Caerphilly', 'Caerffili'],
  ['Cardiff', 'Caerdydd'],
  ['Carmarthenshire', 'Sir Gaerfyrddin'],
  ['Ceredigion', 'Ceredigion'],
  ['Conwy', 'Conwy'],
  ['Denbighshire', 'Sir Ddinbych'],
  ['Flintshire', 'Sir y Fflint'],
  ['Gwynedd', 'Gwynedd'],
  ['Isle of Anglesey', 'Ynys Môn'],
  ['Merthyr Tydfil', 'Merthyr Tudful'],
  ['Monmouthshire', 'Sir Fynwy'],
  ['Neath Port Talbot', 'Castell-nedd Port Talbot'],
  ['Newport', 'Casnewydd'],
  ['Pembrokeshire', 'Sir Benfro'],
  ['Powys', 'Powys'],
  ['Rhondda Cynon Taf', 'Rhondda Cynon Taf'],
  ['Swansea', 'Abertawe'],
  ['Torfaen', 'Tor-faen'],
  ['Vale of Glamorgan', 'Bro Morgannwg'],
  ['Wrexham', 'Wrecsam'],
];

/** Affiliated trade unions and socialist societies: [English, Welsh]. */
export const affiliates: readonly (readonly [string, string])[] = [
  ['Unite Wales', 'Unite Cymru'],
  ['UNISON Cymru Wales', 'UNSAIN Cymru'],
  ['GMB Wales and South West', 'GMB Cymru a De-orllewin Lloegr'],
  ['Usdaw Wales', 'Usdaw Cymru'],
  ['Communication Workers Union Wales', 'Undeb y Gweithwyr Cyfathrebu Cymru'],
  ['ASLEF', 'ASLEF'],
  ['Community', 'Community'],
  ["Musicians' Union Wales", 'Undeb y Cerddorion Cymru'],
  ['Bakers, Food and Allied Workers Union', 'Undeb y Pobyddion, Bwyd a Gweithwyr Perthynol'],
  ['TSSA', 'TSSA'],
  ['Co-operative Party Wales', 'Y Blaid Gydweithredol yng Nghymru'],
  ['Fabian Society Wales', 'Cymdeithas y Ffabiaid Cymru'],
  ['Socialist Health Association Cymru', 'Cymdeithas Iechyd Sosialaidd Cymru'],
  ['Socialist Educational Association Wales', 'Cymdeithas Addysg Sosialaidd Cymru'],
  ['Jewish Labour Movement', 'Mudiad Llafur Iddewig'],
  ['LGBT+ Labour Wales', 'LHDT+ Llafur Cymru'],
];
