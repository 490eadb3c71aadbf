/**
 * Triple-barrier labels and meta-labels (AFML ch. 3) on universe12.
 * - TEC1: the worked case of ../shared/guide/portfolio-visible.json (AFML snippets 3.1-3.5 transcribed, pandas 1.5.3):
 *   every event's first-touch bar and label exactly, trgt to 1e-10 relative, ret to 1e-12 absolute.
 * - FIN3 (asymmetric barriers 1.5/1, span 50, horizon 5, every 7 bars) and TEC2 meta-labels (side from an SMA 10/30
 *   crossover, span 100, k 2, horizon 10, every 10 bars from bar 30): AFML's definitions written in pandas 1.5.3 by
 *   tests/reference/features_reference.py; t0:t1:label(:side:meta) of every event exactly, ret and trgt of every
 *   15th/12th event to 1e-12 / 1e-10 relative.
 */
import { describe, expect, it } from 'vitest';
import { everyNBars, metaLabels, sidesFromSignal, sma, tripleBarrierLabels, type BarrierEvent } from '../../../src/core/features';
import { portfolioCase } from '../../helpers/portfolio-oracle';
import { universeCloses } from '../../helpers/universe12';

interface OracleEvent {
  bar: number;
  t1_bar: number;
  label: number;
  trgt: number;
  ret: number;
}

const FIN3_EVENTS = [
  '7:12:0 14:17:1 21:23:1 28:33:0 35:37:1 42:44:1 49:51:-1 56:61:0 63:68:0 70:71:1 77:78:-1 84:85:-1 91:96:0 ',
  '98:103:-1 105:110:0 112:113:-1 119:122:-1 126:130:1 133:137:1 140:145:-1 147:150:-1 154:157:-1 161:164:-1 ',
  '168:170:-1 175:180:0 182:184:-1 189:190:1 196:199:-1 203:204:-1 210:212:1 217:221:-1 224:226:-1 231:236:1 ',
  '238:242:-1 245:249:-1 252:253:1 259:264:0 266:268:1 273:275:-1 280:285:0 287:290:-1 294:299:-1 301:305:1 ',
  '308:313:0 315:319:1 322:323:-1 329:332:1 336:338:1 343:344:-1 350:353:-1 357:359:1 364:366:-1 371:373:-1 ',
  '378:381:1 385:390:-1 392:393:1 399:400:1 406:410:1 413:414:-1 420:423:1 427:432:0 434:438:1 441:444:1 ',
  '448:449:-1 455:460:-1 462:466:1 469:474:0 476:479:1 483:484:1 490:491:1 497:498:1 504:506:-1 511:513:-1 ',
  '518:519:1 525:526:-1 532:533:-1 539:540:1 546:551:0 553:558:0 560:563:-1 567:570:-1 574:578:1 581:583:-1 ',
  '588:591:1 595:598:-1 602:603:1 609:611:-1 616:619:1 623:625:-1 630:633:1 637:638:-1 644:645:1 651:656:0 ',
  '658:661:-1 665:667:1 672:674:1 679:684:1 686:691:-1 693:694:-1 700:701:-1 707:709:-1 714:716:1 721:722:-1 ',
  '728:731:1 735:736:-1 742:747:0 749:752:-1 756:761:-1 763:765:-1 770:771:-1 777:780:-1 784:786:1 791:796:0 ',
  '798:799:-1 805:810:1 812:813:1 819:821:-1 826:828:-1 833:834:-1 840:844:1 847:849:1 854:856:-1 861:866:0 ',
  '868:873:0 875:877:-1 882:887:-1 889:891:-1 896:898:-1 903:908:0 910:912:1 917:920:-1 924:926:-1 931:933:1 ',
  '938:943:-1 945:950:0 952:957:0 959:964:0 966:971:1 973:974:-1 980:981:-1 987:989:1 994:995:1 1001:1003:-1 ',
  '1008:1013:0 1015:1017:-1 1022:1027:0 1029:1033:1 1036:1037:-1 1043:1048:1 1050:1051:-1 1057:1062:0 1064:1067:1 ',
  '1071:1075:1 1078:1080:-1 1085:1089:1 1092:1094:-1 1099:1104:-1 1106:1111:0 1113:1115:1 1120:1122:-1 ',
  '1127:1129:1 1134:1137:-1 1141:1146:-1 1148:1150:-1 1155:1156:1 1162:1165:-1 1169:1173:1 1176:1181:1 ',
  '1183:1185:-1 1190:1191:1 1197:1201:-1 1204:1209:-1 1211:1212:-1 1218:1219:-1 1225:1229:-1 1232:1234:-1 ',
  '1239:1244:0 1246:1249:-1 1253:1256:1 1260:1262:-1 1267:1269:-1 1274:1277:-1 1281:1286:1 1288:1293:0 ',
  '1295:1296:-1 1302:1303:-1 1309:1314:1 1316:1319:-1 1323:1324:1 1330:1334:-1 1337:1342:0 1344:1346:-1 ',
  '1351:1352:-1 1358:1362:1 1365:1370:0 1372:1375:-1 1379:1380:-1 1386:1388:-1 1393:1395:1 1400:1405:0 ',
  '1407:1408:1 1414:1415:-1 1421:1423:-1 1428:1430:-1 1435:1436:-1 1442:1445:1 1449:1451:-1 1456:1459:1 ',
  '1463:1468:0 1470:1473:1 1477:1480:-1 1484:1485:1 1491:1496:0 ',
]
  .join('')
  .trim();
/** [t0, ret, trgt] of every 15th FIN3 event. */
const FIN3_SAMPLES: Array<[number, number, number]> = [
  [7, 0.02154626108998725, 0.020927439283776543],
  [112, -0.029116145500957313, 0.020448238978286057],
  [217, -0.026953690303907374, 0.02653156771451362],
  [322, -0.0235486931769171, 0.01988841358039695],
  [427, 0.02259155334916163, 0.02669107528912467],
  [532, -0.024783955649763545, 0.02275820523974922],
  [637, -0.03847019122609674, 0.02649800423353315],
  [742, -0.0020963028840044196, 0.023655059276942125],
  [847, 0.05273870098772826, 0.024619071473653803],
  [952, -0.006154802611128218, 0.019663590327047797],
  [1057, 0.027917133919612702, 0.019977971116727167],
  [1162, -0.03179521403374963, 0.024354338925606216],
  [1267, -0.03858851545164266, 0.025851204884786465],
  [1372, -0.04581208401763326, 0.022483805324912877],
  [1477, -0.038139534883720905, 0.021009677111545097],
];

const TEC2_META_EVENTS = [
  '30:35:1:1:1 40:44:1:1:1 50:56:1:1:1 60:63:1:1:1 70:80:0:1:1 80:84:1:1:1 90:95:1:1:1 100:103:1:1:1 ',
  '110:112:1:1:1 120:130:0:1:1 130:132:1:1:1 140:143:-1:1:0 150:151:1:1:1 160:164:-1:1:0 170:179:1:1:1 ',
  '180:190:0:-1:0 190:200:0:1:1 200:208:1:1:1 210:220:0:1:1 220:225:1:1:1 230:240:0:1:1 240:246:1:1:1 ',
  '250:260:-1:1:0 260:264:1:1:1 270:276:1:1:1 280:283:-1:1:0 290:292:-1:1:0 300:302:1:-1:1 310:312:-1:-1:0 ',
  '320:330:-1:1:0 330:340:0:1:0 340:350:0:-1:0 350:360:0:-1:0 360:369:1:1:1 370:373:1:1:1 380:382:1:1:1 ',
  '390:391:1:1:1 400:402:1:1:1 410:420:0:1:0 420:423:1:1:1 430:435:1:1:1 440:442:-1:1:0 450:452:-1:1:0 ',
  '460:470:0:-1:1 470:472:-1:-1:0 480:484:-1:-1:0 490:496:1:1:1 500:503:1:1:1 510:512:-1:1:0 520:521:1:-1:1 ',
  '530:535:-1:-1:0 540:550:0:1:1 550:551:-1:-1:0 560:566:1:1:1 570:580:0:1:0 580:590:0:1:1 590:599:-1:-1:0 ',
  '600:601:1:1:1 610:614:-1:1:0 620:623:1:-1:1 630:633:-1:-1:0 640:650:0:1:0 650:660:0:-1:0 660:666:-1:-1:0 ',
  '670:674:1:1:1 680:681:-1:1:0 690:694:-1:-1:0 700:705:-1:1:0 710:713:1:1:1 720:722:1:1:1 730:731:1:1:1 ',
  '740:744:-1:1:0 750:753:-1:1:0 760:769:1:-1:1 770:773:-1:-1:0 780:783:1:1:1 790:800:0:1:0 800:808:1:1:1 ',
  '810:812:1:1:1 820:828:1:1:1 830:838:1:1:1 840:846:1:1:1 850:854:1:1:1 860:862:1:1:1 870:880:0:1:1 ',
  '880:886:1:1:1 890:900:0:1:1 900:905:1:1:1 910:915:1:1:1 920:922:-1:1:0 930:931:1:1:1 940:944:1:1:1 ',
  '950:960:0:1:1 960:965:1:1:1 970:977:1:1:1 980:987:1:1:1 990:994:1:1:1 1000:1005:1:1:1 1010:1015:-1:1:0 ',
  '1020:1021:1:1:1 1030:1033:1:1:1 1040:1048:1:1:1 1050:1052:1:1:1 1060:1067:-1:1:0 1070:1077:1:1:1 ',
  '1080:1090:0:1:1 1090:1096:-1:-1:0 1100:1106:-1:1:0 1110:1114:-1:-1:0 1120:1124:-1:1:0 1130:1137:1:1:1 ',
  '1140:1148:1:1:1 1150:1153:1:1:1 1160:1163:-1:1:0 1170:1171:1:-1:1 1180:1188:-1:-1:0 1190:1199:-1:-1:0 ',
  '1200:1209:1:1:1 1210:1220:0:1:1 1220:1230:0:1:1 1230:1234:1:1:1 1240:1250:0:1:1 1250:1256:1:1:1 ',
  '1260:1263:1:1:1 1270:1272:1:1:1 1280:1288:1:1:1 1290:1292:1:1:1 1300:1303:1:1:1 1310:1320:-1:1:0 ',
  '1320:1324:1:1:1 1330:1335:1:1:1 1340:1344:-1:1:0 1350:1355:-1:-1:0 1360:1370:0:1:1 1370:1372:-1:1:0 ',
  '1380:1383:1:1:1 1390:1399:-1:1:0 1400:1403:1:1:1 1410:1420:0:1:0 1420:1430:0:1:1 1430:1438:1:1:1 ',
  '1440:1448:1:1:1 1450:1460:1:1:1 1460:1463:1:1:1 1470:1474:1:1:1 1480:1488:-1:1:0 1490:1494:1:-1:1 ',
]
  .join('')
  .trim();
/** [t0, ret (side-adjusted), trgt] of every 12th TEC2 event. */
const TEC2_META_SAMPLES: Array<[number, number, number]> = [
  [30, 0.0718647252231095, 0.015684410147194777],
  [150, 0.034952012605643956, 0.013609116919822995],
  [270, 0.027774898953259575, 0.013367435165805634],
  [390, 0.0302457466918713, 0.012812806278543734],
  [510, -0.0343283582089553, 0.01553800091347197],
  [630, -0.036474164133738496, 0.013979934411543441],
  [750, -0.03805269470984829, 0.01479931948818672],
  [870, 0.02203478869950981, 0.01329477816806947],
  [990, 0.026780167951225176, 0.01308838218616504],
  [1110, -0.04645879895944027, 0.012458704828205817],
  [1230, 0.028280833682729822, 0.013576461866175414],
  [1350, -0.032571500612347926, 0.015105108560577198],
  [1470, 0.03740836140281356, 0.015119590688714072],
];

const compact = (events: BarrierEvent[], meta?: number[]) =>
  events.map((e, i) => `${e.t0}:${e.t1}:${e.label}${meta ? `:${e.side}:${meta[i]}` : ''}`).join(' ');

function expectSamples(events: BarrierEvent[], samples: Array<[number, number, number]>): void {
  for (const [t0, ret, trgt] of samples) {
    const e = events.find((x) => x.t0 === t0);
    expect(e, `event at ${t0}`).toBeDefined();
    expect(Math.abs(e!.ret - ret), `ret at ${t0}`).toBeLessThanOrEqual(1e-12 * Math.abs(ret));
    expect(Math.abs(e!.trgt - trgt), `trgt at ${t0}`).toBeLessThanOrEqual(1e-10 * trgt);
  }
}

describe('triple-barrier labels', () => {
  it('match the TEC1 worked case: span 100, k 2, horizon 10, every 20th bar', () => {
    const oracle = portfolioCase<{ n_events: number; events: OracleEvent[] }>('triple_barrier_TEC1').values;
    const close = universeCloses('TEC1');
    const events = everyNBars(close.length, 20);
    expect(events[0]).toBe(20);
    expect(events.at(-1)).toBe(1480);
    const { events: got, skipped } = tripleBarrierLabels(close, { span: 100, k: 2, horizon: 10, events });
    expect(skipped).toEqual([]);
    expect(got).toHaveLength(oracle.n_events);
    oracle.events.forEach((want, i) => {
      const e = got[i];
      expect([e.t0, e.t1, e.label], `event ${i}`).toEqual([want.bar, want.t1_bar, want.label]);
      expect(Math.abs(e.trgt - want.trgt), `trgt ${i}`).toBeLessThanOrEqual(1e-10 * want.trgt);
      expect(Math.abs(e.ret - want.ret), `ret ${i}`).toBeLessThanOrEqual(1e-12);
    });
    // All three outcomes occur, so the comparison covers each barrier.
    expect(new Set(got.map((e) => e.touch))).toEqual(new Set(['upper', 'lower', 'vertical']));
  });

  it('match pandas on FIN3 with asymmetric barriers; an event still open at the end is skipped, not dropped', () => {
    const close = universeCloses('FIN3');
    const { events, skipped } = tripleBarrierLabels(close, {
      span: 50,
      k: { upper: 1.5, lower: 1 },
      horizon: 5,
      events: everyNBars(close.length, 7),
    });
    expect(compact(events)).toBe(FIN3_EVENTS);
    expectSamples(events, FIN3_SAMPLES);
    // Bar 1498's vertical barrier (1503) is past the last bar and nothing is touched by bar 1499: AFML drops it.
    expect(skipped).toEqual([{ t0: 1498, reason: 'unfinished' }]);
  });

  it('switch a barrier off with a multiplier of 0', () => {
    const close = universeCloses('FIN3');
    const events = everyNBars(close.length, 7);
    const { events: noStop } = tripleBarrierLabels(close, { span: 50, k: { upper: 1.5, lower: 0 }, horizon: 5, events });
    expect(noStop.some((e) => e.label === -1)).toBe(false);
    const both = tripleBarrierLabels(close, { span: 50, k: { upper: 1.5, lower: 1 }, horizon: 5, events }).events;
    // Every event the stop decided becomes a profit-take or a vertical-barrier event, no earlier than before.
    for (const e of both.filter((x) => x.label === -1)) {
      const same = noStop.find((x) => x.t0 === e.t0)!;
      expect(same.label).not.toBe(-1);
      expect(same.t1).toBeGreaterThanOrEqual(e.t1);
    }
  });

  it('skip events without a volatility target and refuse bad events', () => {
    const close = universeCloses('TEC1');
    const { events, skipped } = tripleBarrierLabels(close, { span: 100, k: 2, horizon: 10, events: [0, 1, 2] });
    expect(skipped).toEqual([
      { t0: 0, reason: 'no-target' },
      { t0: 1, reason: 'no-target' },
    ]);
    expect(events.map((e) => e.t0)).toEqual([2]);
    expect(tripleBarrierLabels(close, { span: 100, k: 2, horizon: 10, events: [20], minRet: 0.5 }).skipped).toEqual([
      { t0: 20, reason: 'below-min-ret' },
    ]);
    expect(() => tripleBarrierLabels(close, { span: 100, k: 2, horizon: 10, events: [40, 20] })).toThrow(/event bars must increase: 20 after 40/);
    expect(() => tripleBarrierLabels(close, { span: 100, k: 2, horizon: 10, events: [1500] })).toThrow(/event bar 1500 is outside the 1500 bars/);
    expect(() => tripleBarrierLabels(close, { span: 100, k: -1, horizon: 10, events: [20] })).toThrow(/multipliers must be >= 0/);
  });
});

describe('meta-labels', () => {
  it('match pandas for an SMA 10/30 crossover on TEC2: 1 where the primary side made money by t1', () => {
    const close = universeCloses('TEC2');
    const fast = sma(close, 10);
    const slow = sma(close, 30);
    const signal = fast.map((f, t) => f - slow[t]);
    const { events, side } = sidesFromSignal(signal, everyNBars(close.length, 10, 30));
    const result = metaLabels(close, { span: 100, k: 2, horizon: 10, events, side });
    expect(
      compact(
        result.events,
        result.events.map((e) => e.meta),
      ),
    ).toBe(TEC2_META_EVENTS);
    expectSamples(result.events, TEC2_META_SAMPLES);
    // Short-side events are present, and their returns are side-adjusted.
    const short = result.events.filter((e) => e.side === -1);
    expect(short.length).toBeGreaterThan(10);
    for (const e of short) expect(e.ret).toBeCloseTo(-(close[e.t1] / close[e.t0] - 1), 15);
  });

  it('need one side per event', () => {
    expect(() => metaLabels(universeCloses('TEC2'), { span: 100, k: 2, horizon: 10, events: [20, 40], side: [1] })).toThrow(
      /one side per event: 1 sides for 2 events/,
    );
  });
});
