# ruff: noqa: E501  (one rule per entry: its summary line is kept whole)
"""What each rule means, in Indonesian, for `pokin rules` (the examples come from the rules).

A rule's docstring (English, for contributors) keeps its ``Failing:`` and
``Passing:`` examples, which tests run; `pokin rules` shows the planner the
text below instead of the docstring's prose, then those examples. The first
line is the summary of the list. A code without an entry here is shown with
its docstring.
"""

from __future__ import annotations

EXPLANATIONS: dict[str, str] = {
    "I012": """Indikator yang masuk Perjanjian Kinerja belum mempunyai target untuk `tahun`.

Node yang mempunyai `pj` (sendiri atau dari induknya) adalah baris PK
jabatan itu, demikian pula sasaran Renstra yang diwujudkan sebuah CSF
(`renstra:`); PK mencetak "belum ada target" pada baris itu. Tidak
dilaporkan bila I002 sudah melaporkan indikatornya (indikator program,
kegiatan atau sub kegiatan tanpa target sama sekali); dilaporkan untuk
outcome dan CSF, untuk target tahunan yang tidak memuat tahun rencana, dan
untuk sub kegiatan beranggaran 0 (yang dibiarkan I002).""",
    "M001": """`rencana` dalam berkas realisasi tidak menunjuk berkas yang ada.

Jalurnya dihitung dari folder berkas realisasi itu.""",
    "M002": """Rencana yang dilaporkan berkas realisasi tidak dapat dimuat (galat YAML atau skema).

Tidak ada realisasi yang diperiksa dan tidak ada capaian yang dihitung
terhadap rencana yang tidak dapat dimuat; jalankan `pokin validate` pada
rencananya.""",
    "M003": """Realisasi untuk id node yang tidak ada dalam rencana.""",
    "M004": """Nilai untuk indikator yang tidak dimiliki node.

Nilai ditulis menurut urutan `indikator` node (daftar) atau menurut
`uraian`-nya (pemetaan); daftar yang lebih panjang dari indikator node,
atau `uraian` yang tidak dimiliki node, dilaporkan. Sama halnya untuk
`capaian_tertulis`.""",
    "M005": """Realisasi anggaran melebihi pagu node (anggarannya untuk tahun rencana).""",
    "M006": """Realisasi kumulatif lebih rendah dari realisasi periode sebelumnya.

Nilai bersifat kumulatif sampai akhir periode, jadi untuk indikator yang
makin tinggi makin baik (`arah: naik`, bawaan) periode berikutnya tidak
pernah melaporkan lebih sedikit. Dibandingkan dengan berkas paling akhir
sebelumnya untuk rencana yang sama dalam satu jalanan
(`pokin validate examples/realisasi/`).""",
    "M007": """Realisasi anggaran kumulatif lebih rendah dari realisasi periode sebelumnya.""",
    "M008": """`tahun` realisasi bukan tahun rencana: periodenya di luar tahun rencana.""",
    "M009": """`tanggal` data sebelum periodenya mulai atau sesudah tahun berikutnya berakhir.

Data sebuah periode bertanggal pada atau sesudah awal periodenya; laporan
TW IV boleh bertanggal awal tahun berikutnya, tidak lebih lambat.""",
    "M010": """Dua berkas realisasi melaporkan rencana yang sama untuk periode yang sama.

Satu berkas per periode: angka sebuah periode ditulis sekali. Dilaporkan
pada berkas kedua (menurut urutan berkas yang diberikan).""",
    "M011": """Realisasi indikator bernilai negatif.""",
    "M012": """Realisasi untuk indikator yang tidak bertarget: capaiannya tidak dapat dihitung.""",
    "M013": """Realisasi untuk indikator yang targetnya 0 pada periode itu: capaian tidak terdefinisi.

pokin tidak pernah membagi dengan nol: capaiannya ditampilkan tidak dapat
dihitung. Pakai `metode_capaian: tercapai` bila mencapai 0 adalah tujuannya.""",
    "M014": """Realisasi dalam "%" di atas 100 untuk indikator yang paling tinggi 100.

Tidak dilaporkan untuk indikator pertumbuhan atau rasio (berbunyi
peningkatan, pertumbuhan, kenaikan atau rasio).""",
    "M015": """Capaian yang dipublikasikan (`capaian_tertulis`) berbeda dengan capaian menurut angkanya.

Capaian dihitung dari target rencana dan realisasi berkas ini, menurut
`arah` dan `metode_capaian` indikatornya. Selisih di luar pembulatan angka
yang dipublikasikan dilaporkan dengan kedua angkanya.""",
    "M016": """Serapan anggaran yang dipublikasikan (`serapan_tertulis`) berbeda dengan realisasi ÷ pagu.

Realisasi anggaran node adalah miliknya sendiri, atau jumlah realisasi
rinciannya dalam berkas ini, dibagi pagunya untuk tahun rencana.""",
    "M017": """Berkas realisasi yang diberikan ke `pokin capaian` melaporkan rencana lain.

`rencana` setiap berkas realisasi harus menunjuk rencana yang capaiannya
dihitung; angka rencana lain tidak pernah dicampurkan.""",
    "M018": """Tingkat (WTP…, AA…D) untuk indikator yang satuannya bukan skala tingkat itu.

Tingkat dibaca pada skala yang disebut `satuan` indikatornya: `predikat`
(SAKIP: D, C, CC, B, BB, A, AA) atau `opini` (BPK: TMP, TW, WDP, WTP).""",
    "M019": """Realisasi anggaran sebuah node berbeda dengan jumlah realisasi rinciannya dalam berkas yang sama.

Rekap yang sama dengan rekap anggaran (B001): bila program atau kegiatan
menulis realisasi anggarannya sendiri dan rinciannya juga, keduanya harus
sama.""",
    "T001": """Target TW IV berbeda dengan target tahunan.

`target_triwulan` kumulatif sampai akhir setiap triwulan, jadi nilai TW IV
adalah target setahun penuh.""",
    "T002": """Target triwulan bergerak berlawanan dengan `arah` indikatornya.

Target kumulatif indikator yang makin tinggi makin baik (`arah: naik`,
bawaan) tidak turun dari satu triwulan ke triwulan berikutnya; target
indikator yang makin rendah makin baik (`arah: turun`) tidak naik.""",
    "T003": """Target triwulan dalam "%" di luar 0–100.

Tidak dilaporkan untuk indikator pertumbuhan atau rasio (berbunyi
peningkatan, pertumbuhan, kenaikan atau rasio), sama dengan I004.""",
    "T004": """Indikator mempunyai target triwulan tetapi tidak mempunyai target tahun rencana.""",
    "T005": """`metode_capaian: kebalikan` pada indikator yang `arah`-nya bukan `turun`.

Metode kebalikan (target ÷ realisasi) dimaksudkan untuk indikator yang
makin rendah makin baik; pada indikator lain metode ini justru menghargai
realisasi yang lebih rendah.""",
    "B001": """Anggaran tertulis berbeda dengan jumlah anggaran rinciannya.

Diperiksa di setiap tingkat (dan per tahun untuk anggaran tahunan); rincian
yang tidak menulis anggaran dihitung dengan jumlah rinciannya sendiri.""",
    "B002": """Sub kegiatan tanpa `anggaran`; setiap sub kegiatan adalah baris anggaran.

Tulis `anggaran: 0` untuk kondisi yang belum dianggarkan (dilaporkan sebagai B003).""",
    "B003": """Sub kegiatan beranggaran 0 untuk tahun rencana: kondisi yang belum didanai.

Rencana menyebut kondisinya (Tahap 3/4) tetapi belum ada yang mendanainya;
anggarkan, atau jelaskan alasannya di `catatan`. Indikatornya boleh belum
bertarget sampai dianggarkan (I002 tidak dilaporkan untuknya).""",
    "B004": """Anggaran tahunan memuat tahun di luar `periode` rencana.""",
    "C001": """CSF (sasaran strategis) tanpa program: tidak ada yang mewujudkannya.""",
    "C002": """Program tanpa kegiatan: kondisi antara tidak dijabarkan.""",
    "C003": """Kegiatan tanpa sub kegiatan: kondisi yang tidak diwujudkan baris anggaran mana pun.""",
    "C004": """Sasaran Renstra yang tidak diwujudkan CSF mana pun (tidak ada CSF yang menyebutnya).

Peringatan: Renstra mencakup lima tahun dan dapat memuat sasaran yang
sengaja tidak diambil rencana tahun ini; tuliskan itu di `catatan`-nya.""",
    "C005": """Jabatan yang tidak memegang apa pun: bukan pj node mana pun, bukan atasan pj.

Jabatan dihitung terpakai bila menjadi `pj` sebuah node atau `rpjmd`, atau
menjadi `atasan` (langsung atau lebih tinggi) jabatan yang terpakai: Kepala
Dinas menandatangani PK Kepala Bidang di bawahnya.""",
    "C006": """Program atau kegiatan tanpa `pj` sendiri.

Setiap program dan kegiatan masuk ke Perjanjian Kinerja seseorang (Tahap 5);
`pj` yang diwarisi dari CSF di atasnya tidak dihitung pada tingkat ini. Sub
kegiatan boleh mewarisi `pj` kegiatannya.""",
    "C007": """`pj` yang eselonnya tidak sesuai dengan tingkat yang dipegangnya (misalnya JF memegang CSF).

Yang boleh: outcome — Kepala Daerah atau eselon II; CSF — II; program — II
atau III; kegiatan dan sub kegiatan — III, IV atau JF; `rpjmd.pj` — Kepala
Daerah. Golongan `.a`/`.b` dihitung sebagai eselonnya (II.a adalah II).
Kepala PD (jabatan yang atasannya kepala daerah, atau tanpa atasan) memegang
outcome dan CSF apa pun eselonnya: Camat atau Kepala Kantor bereselon III.
Dalam RPJMD kepala daerah memegang tujuan dan sasaran. Hanya `pj` node itu
sendiri yang diperiksa.""",
    "C010": """Jabatan tanpa kinerja bertarget untuk `tahun` yang dapat ditandatangani dalam PK-nya.

PK sebuah jabatan memuat node yang menjadi tanggung jawabnya (`pj`-nya,
diwarisi node di bawahnya yang tidak menyebut pj); bila tidak satu pun
indikatornya bertarget untuk tahun rencana, PK-nya tidak menjanjikan apa pun.
Tidak dilaporkan untuk `rpjmd.pj` (Kepala Daerah menandatangani kinerja
RPJMD) maupun jabatan yang tidak memegang apa pun dan bukan atasan siapa pun (C005).""",
    "C011": """CSF tanpa kaitan ke sasaran Renstra (tanpa `renstra`), padahal rencana memuatnya.

CSF adalah sasaran strategis: LKE meminta sasaran itu sasaran Renstra. Id
`renstra` yang tidak dikenal dilaporkan R004.""",
    "E001": """Sebuah aturan gagal dijalankan pada rencana ini; aturan lain tetap berjalan. Mohon laporkan.""",
    "E002": """Komentar `# pokin: ignore[KODE]` yang tidak membungkam apa pun, atau tidak terbaca.

Komentar itu membungkam kode (atau kelompok) yang disebut untuk masalah di
baris komentar, dan untuk masalah node yang baris pertamanya (baris `- id:`)
memuat komentar itu. Yang tidak membungkam apa pun sudah basi (masalahnya
sudah diperbaiki, atau kodenya salah ketik) dan dilaporkan agar tidak
menyembunyikan masalah nyata berikutnya. Komentar untuk aturan yang tidak
dijalankan (--select / --ignore) tidak dinilai.""",
    "I001": """Node tanpa indikator, sehingga kinerjanya tidak dapat diukur (Tahap 4).""",
    "I002": """Indikator program, kegiatan atau sub kegiatan tanpa `target`.

Tidak dilaporkan untuk sub kegiatan beranggaran 0 pada tahun rencana:
kondisinya belum dianggarkan (B003), targetnya datang bersama anggarannya.""",
    "I003": """Indikator tanpa `satuan`, sehingga targetnya tidak dapat dibaca.""",
    "I004": """Target dalam "%" di luar 0–100.

Peringatan, bukan galat, untuk indikator pertumbuhan atau rasio (berbunyi
peningkatan, pertumbuhan, kenaikan atau rasio): pertumbuhan 120% mungkin.""",
    "I005": """Indikator berbunyi "Jumlah …" bersatuan "%", atau "Persentase …" bersatuan hitung.

"Jumlah" (juga Banyaknya, Total, Frekuensi) menghitung benda; "Persentase"
(Presentase, Prosentase, Proporsi) adalah bagian. Dokumen sumber penuh
indikator kegiatan berbunyi "Jumlah …" dengan target 100%: rumusannya atau
satuannya keliru. Peringatan, karena targetnya mungkin benar.""",
    "I006": """Uraian indikator mengulang pernyataan kinerja node itu sendiri.

Indikator menyatakan cara mengukur pernyataan itu; mengulang pernyataannya
tidak mengukur apa pun. Huruf besar/kecil, spasi dan tanda baca diabaikan.""",
    "I007": """Indikator sub kegiatan yang bukan hitungan keluaran.

Sub kegiatan menghasilkan keluaran yang dihitung dalam orang, unit, paket,
dokumen, laporan, … Indikator dihitung keluaran bila berbunyi "Jumlah …"
(atau Banyaknya, Total, Frekuensi) atau bersatuan hitung, dan tidak
berbunyi bagian atau laju maupun bersatuan "%".

Nomenklatur resmi juga dihitung: indikator yang berbunyi seperti indikator
resmi `kode`-nya lolos, dan setiap satuan indikator sub kegiatan resmi (Km,
Ha, m³, Unit, Ruang, …) adalah satuan hitung.""",
    "I008": """Indikator program, CSF atau outcome yang bukan ukuran hasil.

Dari program ke atas indikator mengukur hasil: bagian, laju, indeks atau
tingkat — berbunyi Persentase, Rasio, Indeks, Tingkat, Nilai, Angka, Cakupan,
… atau bersatuan "%", indeks, nilai, poin. Hitungan ("Jumlah …") pada tingkat
ini adalah keluaran, milik kegiatan dan sub kegiatan.""",
    "I009": """Dua node bersaudara dengan pernyataan kinerja yang sama: salinan yang belum diubah.

Huruf besar/kecil, spasi dan tanda baca diabaikan. Tidak dilaporkan bila
saudara-saudara itu berbeda `kode`: PermenPAN-RB 89/2021 membolehkan satu
kotak pohon kinerja menjadi beberapa komponen (sub kegiatan) dengan satu
pernyataan.""",
    "I010": """Target tahunan memuat tahun di luar `periode` rencana.""",
    "I013": """Deret target Renstra tidak bergerak ajek ke arah indikatornya.

Selama tiga tahun atau lebih: langkah tahunan lebih dari dua kali median
langkahnya (per tahun), atau langkah mundur melawan arah deret (tahun
pertama ke terakhir; `arah` bila indikator menyebutkannya).""",
    "I014": """Target CSF atau program berbeda dengan target Renstra untuk indikator yang sama.

Indikator yang sama: `uraian` yang sama (huruf besar/kecil, spasi dan tanda
baca diabaikan) dalam sasaran Renstra yang disebut CSF, atau dalam butir
Renstra mana pun. Dibandingkan untuk setiap tahun yang ada di keduanya
(target tunggal adalah target tahun rencana).""",
    "I015": """Pernyataan kinerja di atas sub kegiatan dirumuskan sebagai kegiatan, bukan hasil.

Dari kegiatan ke atas, pernyataan menyebut kondisi yang dicapai
("Meningkatnya …", "Terpenuhinya …"); "Pelaksanaan …", "Penyusunan …",
"Terlaksananya …" (juga Penyelenggaraan, Penyediaan, Pengadaan, Pembuatan,
Pemberian, Fasilitasi, Koordinasi, Terselenggaranya, Dilaksanakannya)
menyebut pekerjaan yang dilakukan. Sub kegiatan boleh.""",
    "I016": """Outcome tanpa salah satu dari tiga sumbernya: mandat, isu strategis, ekspektasi (Tahap 1).""",
    "N001": """`kode` yang bentuknya tidak sesuai tingkatnya.

Program `U.BB.PP`, kegiatan `U.BB.PP.K.KK`, sub kegiatan `U.BB.PP.K.KK.SSSS`;
U satu angka atau X, BB dua angka atau XX.""",
    "N002": """`kode` yang tidak diawali `kode` induknya (bila keduanya ada dan berbentuk benar).""",
    "N003": """`kode` yang tidak ada dalam versi nomenklatur resmi mana pun untuk jenis pemda rencana.

Diperiksa bila jenis pemda diketahui (`jenis_pemda`, atau kata dalam
`perangkat_daerah`: Kabupaten, Kota, Provinsi). `U.BB.01…` dicari sebagai
program penunjang `X.XX.01…`. Kegiatan kewenangan lain dilaporkan N007; di
bawah kode yang tidak dikenal hanya yang teratas yang dilaporkan.""",
    "N004": """`nama` berbeda dengan nama resmi `kode`-nya.

Perbedaan spasi, huruf besar/kecil dan tanda baca saja tidak dilaporkan
(`pokin fix` menyalin teks resmi). Pesannya memberi nama resmi untuk
disalin, dan kode yang namanya ditulis rencana bila kode lain di bawah induk
yang sama lebih dekat.""",
    "N005": """Tidak satu pun indikator sub kegiatan bersatuan resmi `kode`-nya.

Dibandingkan tanpa huruf besar/kecil, spasi dan tanda baca. Dilaporkan pada
indikator yang berbunyi seperti indikator resmi, atau pada yang pertama.""",
    "N006": """`kode` milik versi nomenklatur lain, atau rencana mencampur versi.

Dengan `nomenklatur` ditulis: kode yang hanya ada di versi lain; tanpanya:
kode yang hanya ada di versi yang tidak dipakai sisa rencana. Menyebut
penggantinya bila daftar 2027 memberinya (SUBKEGIATAN SEBELUMNYA) atau
memuat nama yang sama dalam kegiatan (atau program) yang sama, selain itu
entri yang terdekat.""",
    "N007": """Kegiatan di luar kewenangan pemda: `.1.` (provinsi) dalam rencana kabupaten/kota.

Dan `.2.` (kabupaten/kota) dalam rencana provinsi. Angka kegiatan
(`U.BB.PP.K`) menyebut kewenangan siapa: 1 provinsi, 2 kabupaten/kota (3–8
kewenangan khusus, tidak diperiksa). Diperiksa pada kegiatan, dan pada sub
kegiatan yang kegiatannya tanpa kode berbentuk benar.""",
    "R001": """Id dipakai dua kali; id harus unik di seluruh berkas.

Tinjauan, diff, rujukan `pj` dan `renstra` memakai id, sehingga dua hal
dengan satu id tertukar.""",
    "R002": """`pj` menyebut jabatan yang tidak ada dalam berkas.""",
    "R003": """`atasan` sebuah jabatan menyebut jabatan yang tidak ada, atau rantai atasan berputar.""",
    "R004": """`renstra` sebuah CSF menyebut sasaran Renstra yang tidak ada dalam berkas.""",
    "R005": """Rujukan `KODE_PD:ID` yang tidak menunjuk rencana atau node (jabatan) mana pun di workspace.

Berlaku untuk `induk`, `csf.rpjmd`, `crosscutting.ke` dan `atasan` jabatan;
juga bila rantai `induk` berputar, atau pola `plans` di `pokin.toml` tidak
cocok dengan berkas mana pun. Rujukan ke rencana yang gagal dibaca tidak
dilaporkan lagi.""",
    "R006": """Tautan crosscutting `ke: KODE_PD:ID` hanya ditulis di satu sisi.

Node yang dituju tidak menautkan balik. Dilaporkan di sisi yang menulisnya.""",
    "R007": """Rencana dalam workspace tanpa `kode_pd`, atau `kode_pd` yang sudah dipakai rencana lain.""",
    "R008": """CSF perangkat daerah tidak menyebut sasaran RPJMD (`rpjmd: pemda:ID`), padahal workspace memuat RPJMD.

Peninjau tidak dapat melihat sasaran mana yang dilayaninya.""",
    "S001": """Kunci yang tidak dikenal format rencana, biasanya salah ketik (`anggran`, `sub_kegiatan`).""",
    "S002": """Kunci wajib tidak ada (`id`, `kinerja`, `nama` pada program/kegiatan/sub kegiatan, …).""",
    "S003": """Nilai berjenis salah: daftar di tempat teks, teks di tempat daftar, …""",
    "S004": """Nilai di luar pilihan yang boleh: eselon tidak dikenal, pernyataan kosong, versi format salah.""",
    "S005": """Angka Rupiah atau target yang tidak dapat dibaca tanpa menebak.

Notasi Indonesia diterima ("372.250.370", "Rp 372.250.370", "93,59");
pengelompokan angka yang salah adalah galat, tidak pernah ditebak diam-diam.""",
    "S006": """Id yang bukan slug pendek dari huruf kecil, angka dan '-'.""",
    "X001": """Buku kerja tidak memuat lembar atau kolom yang diperlukan untuk membacanya.

`pokin import` membaca lembar `Matriks` yang ditulis `pokin export`
(setidaknya kolom Tingkat, ID dan Kinerja), atau kolom yang disebut dengan
`--columns` / `--mapping`. Tidak ada yang diimpor dari lembar yang tidak terbaca.""",
    "X002": """Kolom yang judulnya tidak dikenal pokin; isinya tidak diimpor.

Ganti judulnya dengan salah satu judul yang ditulis `pokin export` (lihat
docs/excel.md), atau hapus kolomnya; dengan `--columns` hanya kolom yang
dipetakan yang dibaca.""",
    "X003": """Baris yang tidak dapat ditempatkan dalam pohon: tingkatnya tidak dikenal atau melompat.

Atau baris di atasnya pada tingkat yang lebih tinggi tidak terbaca. Baris itu
(dan baris di bawahnya) tidak diimpor; tidak ada yang ditebak. Isi Tingkat-nya
(atau kode berbentuk benar) dan baris-baris di atasnya.""",
    "Y001": """Berkas bukan YAML yang sah (indentasi, titik dua dalam teks tanpa kutip, kutip tidak ditutup).""",
    "Y002": """Kunci yang sama ditulis dua kali dalam satu pemetaan; nilai kedua diabaikan.""",
    "Y003": """Anchor dan alias YAML (&nama / *nama) serta merge key ditolak.

Rencana menulis setiap fakta sekali, dan alias dapat membuat berkas kecil
mengembang menjadi sangat besar.""",
    "Y004": """Berkas bukan teks UTF-8, atau memuat karakter kendali.

Simpan berkas sebagai UTF-8 (BOM dan akhir baris CRLF tidak apa-apa).""",
    "Y005": """Berkas kosong atau hanya berisi komentar.""",
    "Y006": """Tingkat teratas berkas berupa daftar atau satu nilai, bukan pasangan `kunci: nilai`.""",
    "Y007": """Berkas bersarang lebih dalam daripada rencana mana pun (kurung atau indentasi yang lari).""",
    "Y008": """Tag YAML eksplisit (!!binary, !custom, …) dipakai; rencana hanya memuat nilai biasa.""",
}


def summary(code: str) -> str | None:
    """The Indonesian summary line of a rule, if it has one."""
    text = EXPLANATIONS.get(code)
    return text.split("\n", 1)[0] if text else None


#: The rule groups as `pokin rules` names them.
GROUP_TEXT: dict[str, str] = {
    "yaml": "berkasnya sendiri: encoding, sintaks YAML, kunci ganda, alias",
    "schema": "kunci, jenis nilai dan angka format rencana",
    "reference": "id dan rujukan di antaranya",
    "budget": "rekap anggaran dan baris anggaran",
    "cascade": "bentuk penjenjangan dan siapa memegang tiap node",
    "indicator": "indikator, satuan dan target",
    "nomenclature": "kode, nama dan satuan terhadap nomenklatur resmi (Kepmendagri 900)",
    "engine": "kerja pokin sendiri (pembungkaman, kegagalan internal)",
    "sheet": "spreadsheet yang dibaca pokin import: lembar, kolom dan baris",
    "rencana-aksi": "target per triwulan (rencana aksi) dan metode capaian indikator",
    "realisasi": "berkas realisasi: id node, angka, periode dan rencana yang dilaporkan",
}
