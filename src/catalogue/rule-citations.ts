import { bilingual, type Bilingual } from '../platform/errors';

/**
 * 规则依据: every rule ID the code uses (RULES.md), with the act and article it comes from and a
 * one-line statement, so that a user never sees "GP-70" alone. `source` is RULES.md's verification
 * tag: only TXT was checked against the full statutory text; anything else is shown as "to be
 * verified" until someone confirms it against the official text.
 */
export type RuleSource = 'TXT' | 'SEC' | 'MEM' | 'CODE' | 'RUN';

export interface RuleCitation {
  id: string;
  citation: Bilingual;
  statement: Bilingual;
  source: RuleSource;
}

// Acts, short forms as they are usually cited.
const GPL = ['《政府采购法》', 'Government Procurement Law'] as const;
const GPR = ['《政府采购法实施条例》', 'Regulations on the Implementation of the Government Procurement Law'] as const;
const MOF87 = ['《政府采购货物和服务招标投标管理办法》（财政部令第87号）', 'Measures on Tendering for Government Procurement of Goods and Services (MoF Order No. 87)'] as const;
const MOF74 = ['《政府采购非招标采购方式管理办法》（财政部令第74号）', 'Measures on Non-tender Methods of Government Procurement (MoF Order No. 74)'] as const;
const CK214 = ['《政府采购竞争性磋商采购方式管理暂行办法》（财库〔2014〕214号）', 'Interim Measures on Competitive Consultation (Caiku [2014] No. 214)'] as const;
const CK10 = ['《关于开展政府采购意向公开工作的通知》（财库〔2020〕10号）', 'Notice on Publishing Government Procurement Intentions (Caiku [2020] No. 10)'] as const;
const CK46 = ['《政府采购促进中小企业发展管理办法》（财库〔2020〕46号）', 'Measures on Promoting SMEs through Government Procurement (Caiku [2020] No. 46)'] as const;
const CK19 = ['《关于进一步加大政府采购支持中小企业力度的通知》（财库〔2022〕19号）', 'Notice on Further Support for SMEs in Government Procurement (Caiku [2022] No. 19)'] as const;
const CK205 = ['《关于进一步加强政府采购需求和履约验收管理的指导意见》（财库〔2016〕205号）', 'Guidance on Procurement Requirements and Performance Acceptance (Caiku [2016] No. 205)'] as const;
const BL = ['《招标投标法》', 'Bidding Law'] as const;
const BLR = ['《招标投标法实施条例》', 'Regulations on the Implementation of the Bidding Law'] as const;
const EBM = ['《电子招标投标办法》', 'Measures on Electronic Bidding'] as const;
const ESL = ['《电子签名法》', 'Electronic Signature Law'] as const;
const MOF94 = ['《政府采购质疑和投诉办法》（财政部令第94号）', 'Measures on Challenges and Complaints in Government Procurement (MoF Order No. 94)'] as const;
const MOF110 = ['《政府采购框架协议采购方式管理暂行办法》（财政部令第110号）', 'Interim Measures on Framework Agreements in Government Procurement (MoF Order No. 110)'] as const;
const CC = ['《民法典》', 'Civil Code'] as const;
const HOL = ['《全国年节及纪念日放假办法》', 'Measures on National Holidays and Commemoration Days'] as const;
const SMEPAY = ['《保障中小企业款项支付条例》', 'Regulations on Ensuring Payments to SMEs'] as const;

/** One act and its article(s): 《…》第…条 / Act, art. … */
const at = (act: readonly [string, string], zh = '', en = '') => bilingual(`${act[0]}${zh}`, en ? `${act[1]}, ${en}` : act[1]);
const cite = (zh: string, en: string) => bilingual(zh, en);
const rule = (id: string, citation: Bilingual, source: RuleSource, zh: string, en: string): RuleCitation => ({ id, citation, statement: bilingual(zh, en), source });

export const RULE_CITATIONS: readonly RuleCitation[] = [
  // Periods
  rule('T-01', at(CC, '第二百零一条', 'art. 201'), 'TXT', '按日计算期间的，开始的当日不计入，自下一日开始计算', 'A period counted in days starts on the day after the event'),
  rule('T-02', at(CC, '第二百零三条第一款', 'art. 203(1)'), 'TXT', '期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日', 'A period whose last day is a statutory rest day ends on the day after it'),
  rule('T-03', at(CC, '第二百零三条第二款', 'art. 203(2)'), 'TXT', '期间最后一日的截止时间为二十四时', 'The last day of a period ends at 24:00'),
  rule('T-04', at(CC, '第一千二百五十九条', 'art. 1259'), 'TXT', '“以上”“以下”“以内”“届满”包括本数；“不满”“超过”“以外”不包括本数', '“At least”, “at most” and “within” include the number; “less than” and “more than” exclude it'),
  rule('T-05', at(MOF87, '第八十五条、第八十六条', 'arts. 85–86'), 'MEM', '按日计算的期间开始当天不计入；最后一日是法定节假日的，顺延到节假日后的次日', 'The start day is not counted; a last day on a statutory holiday moves to the day after it'),
  rule('T-06', at(HOL, '第六条、第七条及国务院办公厅年度放假安排通知', 'arts. 6–7, and the State Council’s annual holiday notice'), 'TXT', '工作日按国务院办公厅每年的放假安排确定，包括调休上班的周末', 'Working days follow the State Council’s annual schedule, make-up weekend days included'),
  rule('T-08', at(CC, '第二百零三条（本平台的审慎解释）', 'art. 203 (this platform’s cautious reading)'), 'MEM', '最短期限届满日为法定节假日的，最早截止日顺延至其后第一个工作日', 'When a minimum period ends on a holiday, the earliest deadline is the next working day'),
  // Government procurement: notices and periods
  rule('GP-01', at(GPL, '第三十五条', 'art. 35'), 'TXT', '自招标文件开始发出之日起至投标截止之日止，不得少于二十日', 'At least 20 days from the first issue of the tender documents to the bid deadline'),
  rule('GP-02', at(GPR, '第三十一条第一款', 'art. 31(1)'), 'TXT', '招标文件的提供期限自开始发出之日起不得少于5个工作日', 'The tender documents are available for at least 5 working days'),
  rule('GP-03', at(MOF87, '第十六条', 'art. 16'), 'SEC', '招标公告、资格预审公告的公告期限为5个工作日', 'Tender and prequalification notices stay published for 5 working days'),
  rule('GP-04', at(GPR, '第二十一条第二款', 'art. 21(2)'), 'TXT', '资格预审公告发布后，提交资格预审申请文件的时间不少于5个工作日', 'Prequalification applications may be submitted for at least 5 working days after the notice'),
  rule('GP-05', at(GPR, '第三十一条第二款', 'art. 31(2)'), 'TXT', '可能影响投标文件编制的澄清或者修改，应当在投标截止时间至少15日前书面通知，不足15日的顺延投标截止时间', 'A clarification that may affect the bids is sent at least 15 days before the deadline, or the deadline is postponed'),
  rule('GP-06', at(GPR, '第三十条', 'art. 30'), 'TXT', '招标文件应当载明采购预算金额及最高限价', 'The tender documents state the budget and any price ceiling'),
  rule('GP-07', at(MOF87, '第二十八条', 'art. 28'), 'MEM', '投标截止前不得透露已获取招标文件的潜在投标人的名称、数量', 'Before the deadline nobody discloses who, or how many, obtained the documents'),
  rule('GP-08', at(CK10), 'SEC', '采购意向原则上于采购活动开始前30日公开', 'Procurement intentions are published, in principle, 30 days before the procurement starts'),
  rule('GP-09', at(CK214, '第十条', 'art. 10'), 'CODE', '自磋商文件开始发出之日起至首次提交响应文件截止之日止不得少于10日', 'At least 10 days from the consultation documents to the first response deadline'),
  rule('GP-10', at(MOF74, '第二十九条、第四十五条', 'arts. 29 and 45'), 'CODE', '竞争性谈判、询价自文件发出之日起至提交响应文件截止之日止不得少于3个工作日', 'Negotiation and request for quotation: at least 3 working days to respond'),
  rule('GP-11', at(GPL, '第三十八条、第四十条', 'arts. 38 and 40'), 'TXT', '谈判小组、询价小组由3人以上单数组成，专家不少于三分之二；邀请不少于3家供应商', 'Negotiation and quotation panels: 3 or more members, an odd number, two thirds experts; at least 3 suppliers'),
  rule('GP-12', at(CK214, '第二十四条', 'art. 24'), 'SEC', '竞争性磋商综合评分法的价格分值：货物30%–60%，服务10%–30%', 'Competitive consultation: price weighs 30–60 % for goods, 10–30 % for services'),
  rule('GP-20', at(GPR, '第三十三条第一款', 'art. 33(1)'), 'TXT', '投标保证金不得超过采购项目预算金额的2%', 'The bid security is at most 2 % of the budget'),
  // Opening and committee
  rule('GP-30', at(MOF87, '第三十九条', 'art. 39'), 'SEC', '开标应当在投标截止时间的同一时间进行', 'The opening takes place at the bid deadline'),
  rule('GP-21', at(GPR, '第三十三条', 'art. 33'), 'TXT', '投标保证金应以支票、汇票、本票或者金融机构、担保机构出具的保函等非现金形式提交；未按要求提交的，投标无效', 'The bid security is paid in a non-cash form (cheque, draft, promissory note, or a guarantee by a financial or guarantee institution); a bid without a conforming security is invalid'),
  rule('GP-22', at(GPR, '第三十三条第二款', 'art. 33(2)'), 'TXT', '自中标通知书发出之日起5个工作日内退还未中标供应商的投标保证金', 'Unsuccessful bidders’ deposits are refunded within 5 working days of the award notice'),
  rule('GP-23', at(GPR, '第三十三条第二款', 'art. 33(2)'), 'TXT', '自政府采购合同签订之日起5个工作日内退还中标供应商的投标保证金', 'The winner’s deposit is refunded within 5 working days of the contract’s signing'),
  rule('GP-24', at(MOF87, '第三十八条第一款', 'art. 38(1)'), 'SEC', '投标人在投标截止时间前撤回投标文件的，自收到其书面撤回通知之日起5个工作日内退还投标保证金', 'A bidder withdrawing before the deadline has its deposit refunded within 5 working days of its written withdrawal'),
  rule('GP-25', at(MOF87, '第三十八条第三款', 'art. 38(3)'), 'SEC', '逾期退还投标保证金的，除退还本金外，还应按中国人民银行同期贷款基准利率上浮20%后的利率支付超期资金占用费（投标人自身原因导致的除外）', 'A bid security refunded late is refunded with an overdue fee at the People’s Bank of China benchmark lending rate for the period plus 20 %, unless the bidder caused the delay'),
  rule('GP-27', at(GPR, '第三十三条第三款', 'art. 33(3)'), 'TXT', '竞争性谈判、询价采购中的保证金适用同样的规定', 'The same rules apply to the security in competitive negotiation and requests for quotation'),
  rule('GP-33', at(MOF87, '第四十一条第二款', 'art. 41(2)'), 'SEC', '投标人不足3家的，不得开标', 'With fewer than 3 bidders there is no opening'),
  rule('GP-35', at(GPL, '第三十六条、第三十七条', 'arts. 36–37'), 'TXT', '符合条件或实质响应的供应商不足三家等情形应予废标，并将理由通知所有投标人', 'The tender fails when fewer than three qualified or responsive suppliers remain, among other grounds; every bidder is told why'),
  rule('GP-40', at(MOF87, '第四十七条', 'art. 47'), 'SEC', '评标委员会成员为5人以上单数，评审专家不得少于成员总数的三分之二', 'The committee has 5 or more members, an odd number, at least two thirds experts'),
  rule('GP-41', at(MOF87, '第四十七条', 'art. 47'), 'SEC', '预算金额1000万元以上、技术复杂或社会影响较大的项目，评标委员会为7人以上单数', '7 or more members (odd) when the budget is 10 million yuan or more, or the project is complex or of wide impact'),
  rule('GP-42', at(MOF87, '第四十七条', 'art. 47'), 'SEC', '5人委员会至少4名专家，7人至少5名，9人至少6名', 'Of 5 members at least 4 are experts; of 7, 5; of 9, 6'),
  rule('GP-43', at(GPR, '第三十九条', 'art. 39'), 'TXT', '评审专家从省级以上财政部门设立的专家库中随机抽取', 'Experts are drawn at random from a provincial or higher expert library'),
  rule('GP-44', at(MOF87, '第四十九条', 'art. 49'), 'MEM', '委员会组成不符合规定的应当补足；无法及时补足的，停止评标并封存文件', 'A committee below its legal size is topped up; failing that, evaluation stops and the files are sealed'),
  // Evaluation
  rule('GP-50', at(GPR, '第三十四条', 'art. 34'), 'TXT', '评标方法分为最低评标价法和综合评分法；标准统一的货物和服务应当采用最低评标价法', 'Two methods only, lowest evaluated price and comprehensive scoring; standardised goods and services use the lowest price'),
  rule('GP-51', at(MOF87, '第五十五条', 'art. 55'), 'SEC', '综合评分法中价格分值：货物项目不低于30%，服务项目不低于10%', 'Under scoring, price weighs at least 30 % for goods and 10 % for services'),
  rule('GP-52', at(MOF87, '第五十五条', 'art. 55'), 'SEC', '满足要求的最低报价为评标基准价，得满分；其他报价得分＝评标基准价÷投标报价×价格分值', 'The lowest valid price is the benchmark with full marks; others score benchmark ÷ price × the price weight'),
  rule('GP-54', at(MOF87, '第五十五条', 'art. 55'), 'MEM', '执行采购政策调整价格的，以调整后的价格计算评标基准价和投标报价', 'Prices adjusted by procurement policy (such as the SME deduction) are the ones scored'),
  rule('GP-55', at(MOF87, '第五十四条、第五十六条', 'arts. 54 and 56'), 'MEM', '最低评标价法按报价由低到高排序，报价相同的并列', 'Lowest price: ranked by price, equal prices tie'),
  rule('GP-56', at(MOF87, '第五十七条', 'art. 57'), 'MEM', '综合评分法按得分由高到低排序；得分相同的按报价由低到高', 'Scoring: ranked by score; equal scores by the lower price'),
  rule('GP-57', at(MOF87, '第六十八条', 'art. 68'), 'MEM', '并列的候选人按招标文件规定确定，未规定的随机抽取', 'Tied candidates are decided as the documents say, otherwise by random draw'),
  rule('GP-58', at(MOF87, '第五十九条', 'art. 59'), 'SEC', '报价前后不一致的按规定顺序修正，修正后的报价经投标人确认后产生约束力，不确认的投标无效', 'Inconsistent prices are corrected in a fixed order; the bidder confirms the correction or its bid is invalid'),
  rule('GP-59', at(MOF87, '第六十条', 'art. 60'), 'SEC', '报价明显低于其他投标人报价的，应当要求其书面说明；不能证明其合理性的，投标无效', 'A price markedly below the others must be explained in writing; without justification the bid is invalid'),
  rule('GP-60', at(MOF87, '第三十一条', 'art. 31'), 'SEC', '提供相同品牌核心产品的不同投标人按一个投标人计算', 'Bidders offering the same brand of core product count as one bidder'),
  rule('GP-61', at(MOF87, '第六十四条', 'art. 64'), 'MEM', '评审结果汇总后，除分值汇总错误、分项评分超出评分标准范围等情形外不得修改', 'Once summed, results change only for listed errors, such as a score outside its range'),
  rule('GP-62', at(MOF87, '第六十三条', 'art. 63'), 'MEM', '投标报价超过采购预算金额或者最高限价等情形，投标无效', 'A bid is invalid when, among other grounds, its price exceeds the budget or the ceiling'),
  // Award and contract
  rule('GP-70', at(GPR, '第四十三条第一款', 'art. 43(1)'), 'TXT', '采购代理机构应当自评审结束之日起2个工作日内将评审报告送交采购人', 'The agency sends the evaluation report to the purchaser within 2 working days'),
  rule('GP-71', at(GPR, '第四十三条第一款', 'art. 43(1)'), 'TXT', '采购人应当自收到评审报告之日起5个工作日内按推荐顺序确定中标人', 'The purchaser chooses the winner, in the recommended order, within 5 working days'),
  rule('GP-72', at(GPR, '第四十三条第二款', 'art. 43(2)'), 'TXT', '自中标人确定之日起2个工作日内发出中标通知书并公告中标结果', 'The award notice is issued and the result published within 2 working days'),
  rule('GP-73', at(GPR, '第四十三条第三款', 'art. 43(3)'), 'TXT', '中标结果公告应当载明采购人、项目名称和编号、中标人、主要标的、评审专家名单等', 'The result notice names the purchaser, the project and its number, the winner, the main items and the experts'),
  rule('GP-74', at(MOF87, '第六十九条', 'art. 69'), 'MEM', '中标公告期限为1个工作日，并告知未中标人其评审得分与排序', 'The award notice runs 1 working day; losing bidders learn their own score and rank'),
  rule('GP-75', at(GPL, '第四十六条', 'art. 46'), 'TXT', '自中标通知书发出之日起三十日内签订政府采购合同', 'The contract is signed within 30 days of the award notice'),
  rule('GP-76', at(GPR, '第五十条', 'art. 50'), 'TXT', '自政府采购合同签订之日起2个工作日内公告合同', 'The contract is published within 2 working days of signing'),
  rule('GP-77', at(GPL, '第四十七条', 'art. 47'), 'TXT', '自合同签订之日起七个工作日内将合同副本报财政部门备案', 'A copy of the contract is filed with the finance department within 7 working days'),
  rule('GP-78', at(GPR, '第四十九条', 'art. 49'), 'TXT', '中标人拒绝签订合同的，采购人可以确定下一候选人为中标人，也可以重新开展采购活动', 'If the winner refuses to sign, the purchaser may award the next candidate or start again'),
  rule('GP-80', at(GPL, '第三十一条第三项', 'art. 31(3)'), 'TXT', '为保持一致性从原供应商添购的，添购总额不超过原合同金额的百分之十', 'Additional purchases from the original supplier stay within 10 % of the original contract'),
  rule('GP-81', at(GPL, '第四十二条', 'art. 42'), 'TXT', '采购文件从采购结束之日起至少保存十五年', 'Procurement files are kept at least 15 years'),
  // Works
  rule('WK-01', at(BL, '第二十四条', 'art. 24'), 'TXT', '自招标文件开始发出之日起至投标截止之日止，最短不得少于二十日', 'At least 20 days from the tender documents to the bid deadline'),
  rule('WK-02', at(BLR, '第十六条', 'art. 16'), 'TXT', '招标文件的发售期不得少于5日', 'The tender documents are on sale for at least 5 days'),
  rule('WK-03', at(BLR, '第十七条', 'art. 17'), 'TXT', '依法必须进行招标的项目提交资格预审申请文件的时间，自资格预审文件停止发售之日起不得少于5日', 'Prequalification applications are due at least 5 days after the prequalification documents stop being sold'),
  rule('WK-04', at(BLR, '第二十一条', 'art. 21'), 'TXT', '可能影响投标文件编制的澄清或者修改，应当在投标截止时间至少15日前通知，不足15日的顺延', 'A clarification that may affect the bids is sent at least 15 days before the deadline, or the deadline moves'),
  rule('WK-06', at(BLR, '第二十六条', 'art. 26'), 'TXT', '投标保证金不得超过招标项目估算价的2%', 'The bid security is at most 2 % of the estimated price'),
  rule('WK-07', at(BLR, '第三十五条', 'art. 35'), 'TXT', '投标截止前撤回投标文件的，自收到书面撤回通知之日起5日内退还投标保证金；投标截止后撤销投标文件的，招标人可以不退还投标保证金', 'A bid withdrawn before the deadline gets its security back within 5 days; one revoked after the deadline may lose it'),
  rule('WK-09', at(BLR, '第四十四条', 'art. 44'), 'TXT', '投标人少于3个的，不得开标，招标人应当重新招标', 'With fewer than 3 bidders there is no opening; the tender is repeated'),
  rule('WK-13', at(BLR, '第五十四条', 'art. 54'), 'TXT', '自收到评标报告之日起3日内公示中标候选人，公示期不得少于3日', 'Candidates are publicised within 3 days of the report, for at least 3 days'),
  rule('TH-01', cite('《国务院办公厅关于印发中央预算单位政府集中采购目录及标准（2020年版）的通知》（国办发〔2019〕55号）', 'State Council General Office, Guo Ban Fa [2019] No. 55'), 'SEC', '中央预算单位政府采购货物或服务项目，单项采购金额达到200万元以上的，必须采用公开招标方式', 'Central budget units: goods and services of 2 million yuan or more are tendered openly'),
  rule('TH-02', at(GPL, '第二十七条', 'art. 27'), 'TXT', '公开招标数额标准，属于地方预算的政府采购项目由省级人民政府规定', 'Local open-tender thresholds are set by the provincial government'),
  rule('TH-03', cite('《必须招标的工程项目规定》（国家发展改革委令第16号）第五条', 'NDRC Order No. 16, art. 5'), 'SEC', '施工单项合同估算价在400万元人民币以上的，必须招标', 'Construction contracts of 4 million yuan or more must be tendered'),
  rule('WK-08', at(BLR, '第三十六条', 'art. 36'), 'TXT', '逾期送达或者未按要求密封的投标文件，招标人应当拒收，并如实记载送达时间和密封情况', 'Late or improperly sealed bids are refused; receipt time and sealing are recorded'),
  rule('WK-10', at(BL, '第三十七条', 'art. 37'), 'TXT', '评标委员会成员人数为5人以上单数，其中技术、经济等方面的专家不得少于成员总数的三分之二', 'The bid-evaluation committee has 5 or more members, an odd number, at least two thirds experts'),
  rule('WK-12', at(BLR, '第五十一条', 'art. 51'), 'TXT', '投标报价低于成本或者高于招标文件设定的最高投标限价等情形，评标委员会应当否决其投标', 'A bid below cost or above the price ceiling, among other grounds, is rejected'),
  rule('WK-14', at(BLR, '第五十五条', 'art. 55'), 'TXT', '国有资金占控股或者主导地位的依法必须进行招标的项目，招标人应当确定排名第一的中标候选人为中标人', 'In state-funded projects the tenderer names the first-ranked candidate'),
  rule('WK-15', at(BL, '第四十六条', 'art. 46'), 'TXT', '自中标通知书发出之日起三十日内按照招标文件和中标人的投标文件订立书面合同', 'The contract is signed within 30 days of the letter of award'),
  rule('WK-16', at(BLR, '第五十八条', 'art. 58'), 'TXT', '履约保证金不得超过中标合同金额的10%', 'A performance bond is at most 10 % of the contract price'),
  rule('WK-17', at(BL, '第四十七条', 'art. 47'), 'TXT', '自确定中标人之日起十五日内向有关行政监督部门提交招标投标情况的书面报告', 'A written report goes to the supervisory department within 15 days of naming the winner'),
  rule('PQ-01', at(BLR, '第十五、十六、十八条', 'arts. 15, 16, 18'), 'TXT', '采用资格预审的，应当发布资格预审公告、编制资格预审文件，并按照资格预审文件载明的标准和方法审查资格预审申请文件', 'With prequalification, a prequalification notice and documents are published and the applications are reviewed by the standard and method they state'),
  rule('PQ-02', at(BLR, '第十九条', 'art. 19'), 'TXT', '资格预审结束后，招标人应当及时向资格预审申请人发出资格预审结果通知书。未通过资格预审的申请人不具有投标资格。通过资格预审的申请人少于3个的，应当重新招标', 'After prequalification every applicant receives its result promptly; those who did not pass may not bid; with fewer than 3 passing the tender is repeated'),
  rule('PQ-03', at(BLR, '第二十条', 'art. 20'), 'TXT', '招标人采用资格后审办法对投标人进行资格审查的，应当在开标后由评标委员会按照招标文件规定的标准和方法对投标人的资格进行审查', 'Without prequalification the committee reviews the bidders’ qualification after the opening, by the tender documents’ standard'),
  rule('WK-18', at(BLR, '第五十三条', 'art. 53'), 'TXT', '评标委员会推荐的中标候选人应当不超过3个，并标明排序', 'The committee recommends at most 3 candidates, ranked'),
  rule('WK-19', at(BLR, '第五十四条第二款', 'art. 54(2)'), 'TXT', '对中标候选人有异议的，应当在公示期间提出；招标人应当自收到异议之日起3日内作出答复，作出答复前应当暂停招标投标活动', 'Objections to the candidates come during the publicity; the tenderer answers within 3 days and suspends the procedure until then'),
  rule('WK-20', at(BL, '第四十五条', 'art. 45'), 'TXT', '中标人确定后，招标人应当向中标人发出中标通知书，并同时将中标结果通知所有未中标的投标人', 'The winner receives its letter of award and every other bidder the result, at the same time'),
  // Non-tender methods (docs/METHODS.md)
  rule('CS-01', at(CK214, '第十条', 'art. 10'), 'SEC', '磋商文件的发售期限自开始之日起不得少于5个工作日', 'The consultation documents are available for at least 5 working days'),
  rule('CS-02', at(CK214, '第十条', 'art. 10'), 'SEC', '可能影响响应文件编制的澄清或者修改，应当在提交首次响应文件截止时间至少5日前书面通知；不足5日的应当顺延', 'A clarification that may affect responses comes at least 5 days before the first response deadline, or the deadline moves'),
  rule('CS-03', at(CK214, '第十四条', 'art. 14'), 'SEC', '磋商小组由采购人代表和评审专家共3人以上单数组成，评审专家不得少于成员总数的2/3', 'The consultation panel has 3 or more members, an odd number, at least two thirds experts'),
  rule('CS-04', at(CK214, '第十九条', 'art. 19'), 'SEC', '磋商小组所有成员应当集中与单一供应商分别进行磋商，并给予所有参加磋商的供应商平等的磋商机会', 'The whole panel consults each supplier separately, giving every supplier an equal chance'),
  rule('CS-05', at(CK214, '第二十条', 'art. 20'), 'SEC', '可以实质性变动采购需求中的技术、服务要求以及合同草案条款，须经采购人代表确认，并以书面形式同时通知所有参加磋商的供应商', 'Only the technical and service requirements and the draft contract terms may change, confirmed by the purchaser’s representative and notified in writing to every supplier at once'),
  rule('CS-06', at(CK214, '第二十一条', 'art. 21'), 'SEC', '提交最后报价的供应商不得少于3家；市场竞争不充分的科研项目和需要扶持的科技成果转化项目可以为2家（政府购买服务项目另见财库〔2015〕124号）', 'At least 3 suppliers; 2 for research with insufficient competition or results needing support, and for purchases of services (Caiku [2015] No. 124)'),
  rule('CS-07', at(CK214, '第二十三条、第二十四条', 'arts. 23–24'), 'SEC', '采用综合评分法；满足要求且最后报价最低的为磋商基准价，其价格分为满分', 'Comprehensive scoring; the lowest compliant final quotation is the base price and scores full marks'),
  rule('CS-08', at(CK214, '第二十五条', 'art. 25'), 'SEC', '按照评审得分由高到低顺序推荐3名以上成交候选供应商', 'The panel recommends 3 or more candidates by score'),
  rule('CS-09', at(CK214, '第二十八条', 'art. 28'), 'SEC', '采购人应当在收到评审报告后5个工作日内，按照排序由高到低的原则确定成交供应商', 'The purchaser names the supplier within 5 working days of the report, in ranking order'),
  rule('CS-10', at(CK214, '第六条', 'art. 6'), 'SEC', '邀请不少于3家符合相应资格条件的供应商参与竞争性磋商采购活动', 'At least 3 qualified suppliers are invited to a consultation'),
  rule('NG-01', at(MOF74, '第二十九条', 'art. 29'), 'MEM', '澄清或者修改应当在提交首次响应文件截止之日3个工作日前书面通知；不足3个工作日的应当顺延', 'A clarification comes at least 3 working days before the first response deadline, or the deadline moves'),
  rule('NG-02', at(MOF74, '第七条', 'art. 7'), 'SEC', '谈判小组、询价小组由3人以上单数组成，评审专家不少于2/3；达到公开招标数额标准的，由5人以上单数组成', 'Panels of 3 or more (odd), two thirds experts; 5 or more from the open-tender threshold'),
  rule('NG-03', at(GPL, '第三十八条第四项', 'art. 38(4)'), 'TXT', '谈判小组所有成员集中与单一供应商分别进行谈判；任何一方不得透露与谈判有关的其他供应商的技术资料、价格和其他信息', 'The whole panel negotiates with each supplier separately; nobody discloses another supplier’s information'),
  rule('NG-04', at(GPL, '第三十八条第四项', 'art. 38(4)'), 'TXT', '谈判文件有实质性变动的，谈判小组应当以书面形式通知所有参加谈判的供应商', 'A substantive change to the negotiation documents is notified in writing to every supplier taking part'),
  rule('NG-05', at(MOF74, '第三十三条', 'art. 33'), 'MEM', '谈判结束后，所有继续参加谈判的供应商在规定时间内提交最后报价，提交最后报价的供应商不得少于3家', 'After the negotiation every supplier still taking part gives a final offer within the set time; at least 3 must'),
  rule('NG-06', at(GPL, '第三十八条第五项', 'art. 38(5)'), 'TXT', '在符合采购需求、质量和服务相等的前提下，按最后报价由低到高推荐成交候选人，报价最低的成交', 'Among offers meeting the requirements, the lowest final offer wins'),
  rule('NG-07', at(GPR, '第四十三条', 'art. 43'), 'TXT', '采购人应当自收到评审报告之日起5个工作日内确定成交供应商', 'The purchaser names the supplier within 5 working days of the report'),
  rule('RQ-01', at(MOF74, '第四十六条', 'art. 46'), 'MEM', '询价小组不得改变询价通知书所确定的技术和服务等要求、评审程序、评定成交的标准和合同文本', 'The quotation panel does not change the requirements, procedure, award criteria or contract text'),
  rule('RQ-02', at(GPL, '第四十条第三项', 'art. 40(3)'), 'TXT', '被询价的供应商一次报出不得更改的价格', 'Each supplier quotes once, a price it may not change'),
  rule('RQ-03', at(GPL, '第四十条第四项', 'art. 40(4)'), 'TXT', '根据符合采购需求、质量和服务相等且报价最低的原则确定成交供应商', 'The lowest quotation meeting the requirements wins'),
  rule('RQ-04', at(MOF74, '第四十五条', 'art. 45'), 'MEM', '询价通知书的澄清或者修改应当在提交响应文件截止之日3个工作日前书面通知；不足3个工作日的应当顺延', 'A clarification comes at least 3 working days before the response deadline, or the deadline moves'),
  rule('RQ-05', at(GPL, '第三十二条', 'art. 32'), 'TXT', '采购的货物规格、标准统一、现货货源充足且价格变化幅度小的政府采购项目，可以采用询价方式采购', 'Requests for quotations are for goods of uniform standard'),
  rule('SS-02', at(MOF74, '第三十八条', 'art. 38'), 'SEC', '公示内容包括采购人、项目名称和内容、拟采购的货物或者服务的说明、采用单一来源采购方式的原因、拟定的唯一供应商名称和地址、专业人员论证意见、公示期限和联系方式', 'The publicity names the purchaser, the project, the reasons, the supplier, the professionals’ opinions, the period and contacts'),
  rule('SS-03', at(MOF74, '第三十九条', 'art. 39'), 'SEC', '任何供应商、单位或者个人对采用单一来源采购方式公示有异议的，可以在公示期内将书面意见反馈给采购人、采购代理机构', 'Any supplier, organisation or person may object in writing during the publicity'),
  rule('SS-04', at(MOF74, '第四十条', 'art. 40'), 'SEC', '收到异议后应当在公示期满后5个工作日内组织补充论证；异议成立的应当依法采取其他采购方式，不成立的报财政部门', 'Objections are reviewed within 5 working days after the publicity: upheld, another method; dismissed, reported to the finance department'),
  rule('SS-05', at(MOF74, '第四十一条、第四十二条', 'arts. 41–42'), 'SEC', '组织具有相关经验的专业人员与供应商商定合理的成交价格，并编写协商情况记录', 'Experienced professionals agree a reasonable price with the supplier and record the negotiation'),
  // 框架协议采购 (110号令): only 第一、二条 were found as text; every value is a setting until the official text is read (docs/METHODS.md §5).
  rule('FA-01', at(MOF110, '第二、三条', 'arts. 2–3'), 'MEM', '对技术、服务等标准明确、统一，需要多次重复采购的货物和服务，通过公开征集程序，确定第一阶段入围供应商并订立框架协议', 'For goods and services of clear uniform standards bought again and again: an open call admits suppliers into a framework agreement'),
  rule('FA-02', at(MOF110, '第四条', 'art. 4'), 'MEM', '框架协议采购包括封闭式框架协议采购和开放式框架协议采购；不得采用供应商符合资格条件即入围的方法', 'Closed (the main form) or open framework agreements; being qualified is not enough to be admitted'),
  rule('FA-03', at(MOF110), 'MEM', '征集文件发出之日起至提交响应文件截止之日止，不得少于20日（本平台设置项）', 'At least 20 days from the call documents to the response deadline (a setting here)'),
  rule('FA-04', at(MOF110), 'MEM', '封闭式框架协议采购，提交响应文件和符合资格条件的供应商均不得少于2家；淘汰比例一般不得低于20%，且至少淘汰一家供应商', 'Closed framework: at least 2 responding and 2 qualifying; at least 20 % and at least one supplier eliminated'),
  rule('FA-05', at(MOF110), 'MEM', '货物项目框架协议有效期一般不超过1年，服务项目框架协议有效期一般不超过2年', 'A framework agreement generally runs at most 1 year for goods, 2 years for services'),
  rule('FA-06', at(MOF110), 'MEM', '确定第二阶段成交供应商的方式包括直接选定、二次竞价和顺序轮候', 'The second stage chooses by direct selection, second-round competition or rotation'),
  rule('FA-07', at(MOF110), 'MEM', '二次竞价应当邀请所有符合条件的入围供应商参与，以入围价格为最高限价，报价最低的为成交供应商', 'A second-round competition invites every admitted supplier, capped by the admitted price; the lowest offer wins'),
  rule('FA-08', at(MOF110), 'MEM', '采购合同的成交价格不得高于入围价格', 'An order’s price may not exceed the admitted price'),
  rule('FA-09', at(MOF110), 'MEM', '开放式框架协议采购，符合征集条件的供应商均可入围；协议有效期内，符合条件的供应商可以随时申请加入，经审核后入围，入围供应商可以退出', 'Open framework: every supplier meeting the conditions is admitted; during the term others may apply to join and are admitted on review; members may leave'),
  rule('SS-07', at(MOF74, '第四十三条', 'art. 43'), 'MEM', '单一来源采购中出现供应商报价超过采购预算等情形的，应当终止采购活动', 'A single-source procurement whose agreed price exceeds the budget is terminated, not awarded'),
  rule('SS-06', at(GPL, '第三十九条', 'art. 39'), 'SEC', '采取单一来源方式采购的，采购人与供应商应当遵循本法规定的原则，在保证采购项目质量和双方商定合理价格的基础上进行采购', 'A single-source procurement is made with the one supplier, at an agreed reasonable price'),
  // SME policy
  rule('SME-01', at(CK46, '第八条', 'art. 8'), 'SEC', '200万元以下的货物和服务、400万元以下的工程，适宜由中小企业提供的，专门面向中小企业采购', 'Goods and services up to 2 million yuan and works up to 4 million, where suitable, are reserved for SMEs'),
  rule('SME-04', at(CK19, '第二条；财库〔2020〕46号第十条', 'para. 2; Caiku [2020] No. 46, art. 10'), 'SEC', '对小微企业报价给予10%–20%（工程3%–5%）的扣除，用扣除后的价格参加评审', 'Small and micro bidders’ prices are reduced by 10–20 % (works 3–5 %) for evaluation'),
  rule('SME-05', at(CK19, '第二条；财库〔2020〕46号第十条', 'para. 2; Caiku [2020] No. 46, art. 10'), 'SEC', '联合体或分包中小微企业份额占30%以上的，给予4%–6%（工程1%–2%）的价格扣除', 'A consortium or subcontract giving small and micro firms 30 % or more gets a 4–6 % deduction (works 1–2 %)'),
  rule('SME-10', cite('各地支持中小企业参与政府采购的通知（如南京市2023年、山亭区2022年）', 'Local notices on SME support in government procurement (e.g. Nanjing 2023, Shanting 2022)'), 'SEC', '各地可在国家规定的幅度内设定本地区的价格扣除比例和预留份额，须按地区配置', 'Regions may set their own deduction rates and reserved shares within the national ranges: configured per region'),
  rule('SME-08', at(CK19), 'SEC', '新的扣除比例适用于2022年7月1日及以后发布公告的项目', 'The 2022 deduction rates apply to notices published on or after 1 July 2022'),
  // Electronic bidding
  rule('EB-01', at(EBM, '第二十六条', 'art. 26'), 'SEC', '投标文件应当按要求加密，未按规定加密的投标文件平台应当拒收并提示', 'Bids are encrypted as required; the platform refuses an unencrypted bid and says why'),
  rule('EB-02', at(EBM, '第二十七条', 'art. 27'), 'SEC', '投标截止前未完成传输的视为撤回投标文件，截止后送达的应当拒收', 'A bid not fully transmitted by the deadline is deemed withdrawn; later bids are refused'),
  rule('EB-03', at(EBM, '第二十八条', 'art. 28'), 'SEC', '收到投标文件应当即时发出确认回执；投标截止前任何单位和个人不得解密、提取投标文件', 'A receipt is issued at once; before the deadline nobody may decrypt or extract a bid'),
  rule('EB-05', at(EBM, '第三十条', 'art. 30'), 'SEC', '开标时提示投标人在线解密，解密全部完成后公布投标人名称、投标价格等', 'At the opening bidders decrypt online; once all are decrypted, names and prices are published'),
  rule('EB-06', at(EBM, '第三十一条', 'art. 31'), 'SEC', '因投标人原因未解密的视为撤销投标文件；因其他原因未解密的视为撤回', 'A bid not decrypted through the bidder’s fault is deemed revoked; otherwise deemed withdrawn'),
  rule('EB-07', at(EBM, '第三十二条', 'art. 32'), 'MEM', '平台生成开标记录并向社会公开', 'The platform records the opening and publishes the record'),
  rule('EB-08', at(EBM, '第二十二条、第二十四条', 'arts. 22 and 24'), 'MEM', '投标截止前不得泄露已获取招标文件的潜在投标人名称、数量等信息', 'Before the deadline nobody learns who, or how many, obtained the documents'),
  rule('EB-12', at(ESL, '第十一条', 'art. 11'), 'TXT', '数据电文进入收件人指定系统的时间，视为该数据电文的接收时间', 'A data message is received when it enters the recipient’s designated system'),
  rule('CL-01', at(BLR, '第四十条第二项；闽建筑〔2018〕29号', 'art. 40(2); Fujian Housing Dept. [2018] No. 29'), 'SEC', '不同投标人的投标文件由同一台电脑编制或上传的，视为委托同一单位或者个人办理', 'Bids prepared or uploaded on the same computer are presumed handled by the same person'),
  rule('CL-05', at(BLR, '第四十条第六项', 'art. 40(6)'), 'TXT', '不同投标人的投标保证金从同一单位或者个人的账户转出的，视为投标人相互串通投标', 'Bid securities of different bidders paid from the account of the same organisation or person are presumed collusion'),
  rule('CL-03', at(BLR, '第四十条第一项', 'art. 40(1)'), 'SEC', '不同投标人的投标文件由同一单位或者个人编制的，视为相互串通投标（文件创建标识、作者与创建时间一致）', 'Bids prepared by the same organisation or person are presumed collusion (the same file origin, author and creation time)'),
  rule('CL-04', at(MOF87, '第三十七条第三项', 'art. 37(3)'), 'SEC', '不同投标人的投标文件载明的项目管理成员或者联系人员为同一人的，视为串通投标', 'Bids naming the same project manager or contact person are presumed collusion'),
  rule('CL-07', at(BLR, '第四十条第四项', 'art. 40(4)'), 'TXT', '不同投标人的投标文件异常一致的，视为投标人相互串通投标', 'Bids of different bidders that are unusually alike are presumed collusion'),
  rule('CL-08', at(BLR, '第四十条第四项', 'art. 40(4)'), 'TXT', '不同投标人的投标报价呈规律性差异的，视为投标人相互串通投标', 'Prices of different bidders differing in a regular pattern are presumed collusion'),
  rule('CL-10', at(GPR, '第十八条第一款', 'art. 18(1)'), 'TXT', '单位负责人为同一人或者存在直接控股、管理关系的不同供应商，不得参加同一合同项下的政府采购活动', 'Suppliers with the same legal representative or a direct control or management relationship may not take part in the same lot'),
  rule('CL-11', cite('《中国政府采购报》问答（IP地址相同的认定）', 'China Government Procurement News, Q&A on shared IP addresses'), 'SEC', '投标IP地址相同仅为弱信号，除招标文件或地方规定明确外，不能单独据此认定串通', 'A shared IP address is weak evidence; alone it proves nothing unless the tender documents or local rules define it'),
  rule('GP-90', at(GPR, '第十八条第一款', 'art. 18(1)'), 'TXT', '单位负责人为同一人或者存在直接控股、管理关系的不同供应商，不得参加同一合同项下的政府采购活动', 'Suppliers with the same legal representative or a direct control or management relationship may not take part in the same lot'),
  rule('GP-93', at(GPR, '第二十条', 'art. 20'), 'TXT', '以不合理的条件对供应商实行差别待遇或者歧视待遇，包括将特定行政区域或者特定行业的业绩、奖项作为加分条件或者中标、成交条件，限定或者指定特定的专利、商标、品牌或者供应商等', 'Discriminating among suppliers by unreasonable conditions, including region- or industry-specific performance or awards as scores or award conditions, or named patents, brands or suppliers'),
  rule('CM-01', at(GPL, '第七十七条', 'art. 77'), 'MEM', '供应商与采购人、其他供应商或者采购代理机构恶意串通的，列入不良行为记录名单，在一至三年内禁止参加政府采购活动', 'A supplier colluding maliciously is listed for bad conduct and barred from government procurement for one to three years'),
  rule('CM-02', at(BL, '第五十三条', 'art. 53'), 'MEM', '投标人相互串通投标，情节严重的，取消其一年至二年内参加依法必须进行招标的项目的投标资格', 'Bidders colluding, in serious cases, lose the right to bid on projects that must be tendered for one to two years'),
  rule('CM-03', at(GPR, '第十九条', 'art. 19'), 'MEM', '参加政府采购活动前三年内在经营活动中有重大违法记录、被列入严重失信主体名单的，在名单期限内不得参加', 'An entity with a serious violation in the last three years, or on a list of seriously dishonest entities, may not take part while listed'),
  rule('CN-01', at(BLR, '第三十九条；《政府采购法实施条例》第七十四条', 'art. 39; Regulations on the Implementation of the Government Procurement Law, art. 74'), 'TXT', '投标人之间约定中标人、约定部分投标人放弃投标或者中标的，属于串通投标（固定组合投标、轮流中标）', 'Bidders agreeing the winner, or that some will not bid or win, is collusion (fixed groups bidding together, taking turns to win)'),
  rule('TS-01', at(GPR, '第二十条第二、四、七项', 'art. 20(2), (4), (7)'), 'TXT', '不得将特定行政区域的业绩、奖项作为加分条件或者中标、成交条件，不得限定供应商的所在地', 'No region-specific performance or awards as scores or award conditions, and no restriction on where suppliers are located'),
  rule('TS-02', at(GPR, '第二十条第四项', 'art. 20(4)'), 'TXT', '不得以特定行业的业绩、奖项作为加分条件或者中标、成交条件', 'No industry-specific performance or awards as scores or award conditions'),
  rule('TS-03', at(GPR, '第二十条第六项', 'art. 20(6)'), 'TXT', '不得限定或者指定特定的专利、商标、品牌或者供应商', 'No named patents, trademarks, brands or suppliers'),
  rule('TS-04', at(CK46, '第五条', 'art. 5'), 'MEM', '不得以注册资本、资产总额、营业收入、从业人员、利润、纳税额等规模条件对中小企业实行差别待遇或者歧视待遇', 'No thresholds of registered capital, assets, turnover, staff, profit or tax against SMEs'),
  rule('TS-05', at(GPR, '第二十条第三、八项', 'art. 20(3), (8)'), 'TXT', '不得对供应商采取不同的资格审查或者评审标准', 'No different qualification or evaluation standards for different suppliers'),
  rule('TS-06', at(GPR, '第二十条第一、二项', 'art. 20(1), (2)'), 'TXT', '采购需求不得照搬特定供应商的技术参数，不得设定与采购项目的具体特点和实际需要不相适应的条件', 'Requirements must not copy one supplier’s specifications or set conditions unrelated to the contract'),
  rule('OC-01', cite('《开放合同数据标准》红旗指标（开放合同伙伴关系，cardinal-rs 参考实现）', 'Open Contracting Data Standard red-flag indicators (Open Contracting Partnership, the cardinal-rs reference implementation)'), 'SEC', '国际通行的采购风险指标，在平台发布的开放数据上计算，提示人工核查，不作为认定依据', 'Internationally used procurement risk indicators, computed on the platform’s open data: a reason to look, not a finding'),
  // Complaints, budget
  rule('WK-05', at(BLR, '第二十二条', 'art. 22'), 'TXT', '对招标文件有异议的，应当在投标截止时间10日前提出；招标人应当自收到异议之日起3日内作出答复，作出答复前应当暂停招标投标活动', 'Objections to the tender documents come at least 10 days before the deadline; the tenderer answers within 3 days and suspends the tendering until it has'),
  rule('QW-01', at(BLR, '第六十条第二款', 'art. 60(2)'), 'TXT', '就招标文件、开标和中标候选人公示事项投诉的，应当先向招标人提出异议，异议答复期间不计算在投诉期限内', 'On the documents, the opening and the candidates, an objection to the tenderer comes before the complaint; its answer period is not counted'),
  rule('QW-02', at(BLR, '第六十条第一款', 'art. 60(1)'), 'TXT', '投标人或者其他利害关系人认为招标投标活动不符合法律、行政法规规定的，可以自知道或者应当知道之日起10日内向有关行政监督部门投诉', 'A bidder may complain to the supervisory department within 10 days of knowing, or when it should have known'),
  rule('QW-03', at(BLR, '第六十一条', 'art. 61'), 'TXT', '行政监督部门应当自收到投诉之日起3个工作日内决定是否受理，并自受理之日起30个工作日内作出书面处理决定；检验、检测、鉴定、专家评审所需时间不计算在内', 'The supervisory department decides on acceptance within 3 working days and decides the complaint within 30 working days of accepting it; testing, appraisal and expert review are not counted'),
  rule('QC-01', at(GPL, '第五十二条', 'art. 52'), 'TXT', '供应商认为采购文件、采购过程和中标、成交结果使自己的权益受到损害的，可以在知道或者应知其权益受到损害之日起七个工作日内，以书面形式向采购人提出质疑', 'A supplier may challenge the documents, the process or the result in writing within 7 working days of knowing, or when it should have known, of the harm'),
  rule('QC-02', at(GPR, '第五十三条', 'art. 53'), 'TXT', '应知其权益受到损害之日：对采购文件为收到采购文件之日或者采购文件公告期限届满之日；对采购过程为各采购程序环节结束之日；对结果为中标、成交结果公告期限届满之日', 'When it should have known: for the documents, receipt or the end of their announcement period; for the process, the end of each step; for the result, the end of the result notice’s period'),
  rule('QC-03', at(MOF94, '第十一条', 'art. 11'), 'SEC', '提出质疑的供应商应当是参与所质疑项目采购活动的供应商；潜在供应商已依法获取采购文件的，可以对该文件提出质疑', 'Only suppliers that took part may challenge; a potential supplier that obtained the documents may challenge them'),
  rule('QC-04', at(GPL, '第五十三条', 'art. 53'), 'TXT', '采购人应当在收到供应商的书面质疑后七个工作日内作出答复，并以书面形式通知质疑供应商和其他有关供应商', 'The purchaser answers in writing within 7 working days of receipt and tells the challenger and the other suppliers concerned'),
  rule('QC-05', at(GPR, '第五十四条', 'art. 54'), 'TXT', '询问或者质疑事项可能影响中标、成交结果的，采购人应当暂停签订合同，已经签订合同的，应当中止履行合同', 'If the matter may affect the result, the contract is not signed, or its performance is suspended'),
  rule('QC-06', at(MOF94, '第十二条、第十五条', 'arts. 12 and 15'), 'SEC', '质疑函应当包括供应商和项目信息、具体的质疑事项及请求、事实依据、法律依据、日期并签章；质疑答复应逐项作出并告知投诉权利', 'The challenge letter states the parties, the project, each claim with its facts and legal basis, the date and the seal; the answer replies to each and tells of the right to complain'),
  rule('QC-07', at(GPL, '第五十五条', 'art. 55'), 'TXT', '质疑供应商对答复不满意或者采购人未在规定时间内答复的，可以在答复期满后十五个工作日内向同级政府采购监督管理部门投诉；投诉事项不得超出已质疑事项的范围', 'A challenger unsatisfied or unanswered may complain to the finance department within 15 working days after the answer period; the complaint stays within the matters challenged'),
  rule('QC-08', at(MOF94, '第六条', 'art. 6'), 'SEC', '供应商投诉按照采购人所属预算级次，由本级财政部门处理', 'A complaint is handled by the finance department of the purchaser’s budget level'),
  rule('QC-09', at(MOF94, '第二十一条、第二十二条', 'arts. 21–22'), 'SEC', '财政部门收到投诉书后，应当在五个工作日内进行审查：不符合规定的一次性书面通知补正；不予受理的书面告知；予以受理的将投诉书副本发送被投诉人，被投诉人在收到之日起五个工作日内书面说明并提交证据', 'Within 5 working days the department asks once for corrections, refuses in writing, or accepts and sends a copy to the respondent, who answers with evidence within 5 working days'),
  rule('QC-10', at(GPL, '第五十六条；实施条例第五十八条', 'art. 56; Regulations art. 58'), 'TXT', '财政部门应当在收到投诉后三十个工作日内作出处理决定；检验、检测、鉴定、专家评审以及需要投诉人补正材料的，所需时间不计算在投诉处理期限内', 'The department decides within 30 working days of receipt; time for testing, appraisal, expert review and the complainant’s corrections is not counted'),
  rule('QC-11', at(GPL, '第五十七条', 'art. 57'), 'TXT', '财政部门在处理投诉事项期间，可以视具体情况书面通知采购人暂停采购活动，但暂停时间最长不得超过三十日', 'While handling a complaint the department may suspend the procurement in writing for at most 30 days'),
  rule('QC-12', at(GPR, '第五十七条、第五十八条', 'arts. 57–58'), 'TXT', '投诉处理决定应当在指定媒体上公告；投诉人捏造事实、提供虚假材料的，驳回投诉', 'Complaint decisions are published on the designated media; a complaint on fabricated facts or false material is dismissed'),
  rule('QC-13', at(GPL, '第五十八条', 'art. 58'), 'TXT', '投诉人对处理决定不服或者财政部门逾期未作处理的，可以依法申请行政复议或者提起行政诉讼', 'A complainant dissatisfied, or not answered in time, may seek administrative review or sue'),
  rule('QC-14', at(MOF94, '第十六条', 'art. 16'), 'MEM', '质疑成立且影响中标、成交结果的，合格供应商符合法定数量时另行确定中标、成交供应商，否则重新开展采购活动', 'A challenge upheld that affects the result: the winner is determined again from the qualified candidates, or the procurement restarts'),
  rule('PAY-06', at(SMEPAY, '第十三条', 'art. 13'), 'TXT', '不得将保证金限定为现金；中小企业以金融机构保函提供保证的，应当接受；保证期限届满后应及时退还', 'Securities may not be limited to cash; a guarantee by a financial institution must be accepted; securities are returned promptly once they expire'),
  rule('TR-04', at(SMEPAY, '第八条', 'art. 8'), 'TXT', '机关、事业单位不得在无预算或超出预算的情况下采购', 'Public bodies may not buy without, or beyond, an approved budget'),
  // Paying SMEs
  rule('PAY-01', at(SMEPAY, '第九条第一款', 'art. 9(1)'), 'TXT', '机关、事业单位从中小企业采购货物、工程、服务，应当自交付之日起30日内支付款项；合同另有约定的，付款期限最长不得超过60日', 'Public bodies pay SMEs within 30 days of delivery; a contract may agree otherwise, but never more than 60 days'),
  rule('PAY-02', at(SMEPAY, '第十条', 'art. 10'), 'TXT', '约定以检验或者验收合格作为支付条件的，付款期限自检验或者验收合格之日起算', 'Where payment depends on inspection or acceptance, the period runs from the day it is passed'),
  rule('PAY-04', at(SMEPAY, '第十七条', 'art. 17'), 'TXT', '逾期支付的应当支付逾期利息；未约定利率的，按每日利率万分之五支付', 'Late payment bears interest; with no agreed rate, 0.05 % a day'),
  // Disclosure (NOTICES.md; not in RULES.md's tables: from memory until checked against the texts)
  rule('DS-01', at(GPR, '第三十八条', 'art. 38'), 'MEM', '达到公开招标数额标准、只能从唯一供应商处采购的，应将采购项目信息和唯一供应商名称在指定媒体上公示，公示期不少于5个工作日', 'Single-source procurement above the open-tender threshold is publicised with the sole supplier’s name for at least 5 working days'),
  rule('DS-02', at(MOF87, '第二十九条', 'art. 29'), 'MEM', '因重大变故采购任务取消而终止招标的，应及时在原公告发布媒体上发布终止公告', 'A tender ended because the procurement was cancelled is announced promptly by a termination notice in the original medium'),
  rule('DS-03', at(CK205), 'MEM', '向社会公众提供的公共服务项目，验收结果应当向社会公告', 'The acceptance results of public services are published'),
  // The one network: what a sub-platform syncs (seed 000 asks for the data standard between the main platform and the sub-platforms; docs/SYNC.md is it)
  ...(
    [
      ['SYNC-01', '同步的每一条发布应符合开放合同数据标准（OCDS 1.1.5）发布模式及本平台登记的扩展', 'Every synced release validates against the OCDS 1.1.5 release schema with the extensions the platform declares'],
      ['SYNC-02', 'ocid 由“ocds-”、6位登记前缀和子平台自己的标识组成', 'An ocid is "ocds-", a registered 6-character prefix and the sub-platform’s own identifier'],
      ['SYNC-03', '发布时间不得晚于平台时间（允许5分钟误差）', 'A release may not be dated after the platform clock (5 minutes’ tolerance)'],
      ['SYNC-04', '采购人（招标人）应列于 parties 中，并以统一社会信用代码（CN-USCC）标识且通过校验', 'The buyer is one of the parties, identified by a valid unified social credit code (CN-USCC)'],
      ['SYNC-05', '应注明行政区划代码和交易发生的子平台在平台目录中的编号', 'The region code and the sub-platform’s platform-catalogue code are given'],
      ['SYNC-06', '金额以人民币元计，非负且精确到分', 'Amounts are in CNY yuan, non-negative and exact to the fen'],
      ['SYNC-07', '同一 ocid 下的发布编号即幂等键：重复发送同一内容不产生变化，同一编号不同内容予以拒绝', 'A release’s ocid and id are its idempotency key: the same content again changes nothing; other content under the same key is refused'],
      ['SYNC-08', '项目归首先发送它的平台所有；同一项目的发布按时间先后发送', 'A procurement belongs to the platform that first sent it, and its releases come in date order'],
      ['SYNC-09', '已签订的合同同步后登记于总平台，供履约验收和统一支付；合同应列明双方、金额、条款、履约期限与地点和付款节点', 'A signed contract synced is registered for acceptance and unified payment, with its parties, value, terms, period, place and payment milestones'],
    ] as const
  ).map(([id, zh, en]) => rule(id, cite('《市公共资源交易平台与财政国库集中支付平台对接方案》（沪发改法〔2021〕4号）五、1；本平台对接数据规范（docs/SYNC.md）', 'Shanghai DRC, integration of the trading platform with the treasury payment platform (Hu Fa Gai Fa [2021] No. 4), V.1; the platform’s sync specification (docs/SYNC.md)'), 'SEC', zh, en)),
  // Venues and witnessing (docs/VENUES.md): from memory, the articles to be checked against the official text
  rule('VN-01', cite('《公共资源交易平台管理暂行办法》（国家发展改革委等14部委令第39号）关于交易服务场所的规定（条款待核）', 'Interim Measures for the Administration of Public Resource Trading Platforms (NDRC et al. Order No. 39), on trading venues (article to be checked)'), 'MEM', '交易中心为开标、评标提供场所；同一场所同一时段只安排一项交易活动，按30分钟为单位预约', 'The centre provides the rooms for openings and evaluations; one room holds one session at a time, booked by the half hour'),
  rule('VN-02', cite('《公共资源交易平台管理暂行办法》（国家发展改革委等14部委令第39号）关于现场见证与交易档案的规定（条款待核）', 'Interim Measures for the Administration of Public Resource Trading Platforms (NDRC et al. Order No. 39), on on-site witnessing and trading records (article to be checked)'), 'MEM', '交易服务机构对开标、评标现场进行见证，见证记录纳入项目交易档案；项目终止或开标时间变更的，场地预约相应释放或顺延', 'The centre witnesses openings and evaluations on site and the record joins the project’s archive; a project terminated or an opening moved releases or moves its booking'),
  // Working-day calendar
  rule('CAL-01', at(HOL, '第二条', 'art. 2'), 'TXT', '全体公民放假的节日共13天', 'Thirteen statutory public holidays a year'),
  rule('CAL-03', cite('国务院办公厅年度部分节假日安排的通知', 'The State Council General Office’s annual notice on holiday arrangements'), 'CODE', '每年的放假与调休由当年通知确定，无法推算；未公布年份的安排未知', 'Each year’s holidays and make-up days are set by that year’s notice; an unannounced year is unknown'),
  rule('CAL-04', cite('《国务院办公厅关于2026年部分节假日安排的通知》', 'State Council General Office, notice on the 2026 holiday arrangements'), 'RUN', '2026年的放假与调休安排', 'The 2026 holidays and make-up working days'),
  rule('CAL-05', cite('《国务院办公厅关于2025年部分节假日安排的通知》', 'State Council General Office, notice on the 2025 holiday arrangements'), 'RUN', '2025年的放假与调休安排', 'The 2025 holidays and make-up working days'),
  // The e-mall (电子卖场, issue 16; docs/MALL.md)
  rule('GP-94', at(GPR, '第二十八条', 'art. 28'), 'TXT', '在一个财政年度内，采购人将一个预算项目下的同一品目或者类别的货物、服务采用公开招标以外的方式多次采购，累计资金数额超过公开招标数额标准的，属于以化整为零方式规避公开招标', 'Within one fiscal year, buying the same item or category under one budget item several times by methods other than open tender, for a cumulative amount above the open-tender threshold, is evading open tender by splitting'),
  rule('MALL-01', at(GPL, '第二十二条（本平台电子卖场准入规则）', 'art. 22 (this platform’s mall admission rule)'), 'MEM', '电子卖场供应商须经平台运营方准入（具备政府采购供应商条件），仅准入供应商可上架商品、接受直购订单', 'Only suppliers the operator admitted to the mall (meeting the conditions of a government supplier) list products and take direct orders'),
  rule('MALL-02', at(GPL, '第八条；《国务院办公厅关于印发中央预算单位政府集中采购目录及标准（2020年版）的通知》（国办发〔2019〕55号）（分散采购限额标准）', 'art. 8; State Council Office, Guo Ban Fa [2019] No. 55 (the decentralised-procurement threshold)'), 'TXT', '电子卖场直购单笔金额不得超过电子卖场限额（默认100万元，即中央分散采购限额标准；地方由省级人民政府确定，按地区设置）', 'A direct mall order may not exceed the mall threshold (100万元 by default, the central decentralised-procurement threshold; a setting per region, as provinces set theirs)'),
  rule('MALL-03', at(GPR, '第二十八条', 'art. 28'), 'TXT', '同一采购人同一财政年度在电子卖场采购同一品目累计金额超过公开招标数额标准的，下单前提示化整为零风险，须说明理由确认，并提交监管部门关注（地区可设置更低的提示额）', 'When one purchaser’s mall purchases of one item in a fiscal year pass the open-tender threshold, it is warned of splitting before ordering, must confirm with its reason, and supervision sees the order flagged (a region may warn earlier)'),
  rule('MALL-04', at(CC, '第四百七十一条（本平台直购订单规则）', 'art. 471 (this platform’s direct-order rule)'), 'MEM', '直购订单只含同一供应商的在售商品，数量不超过库存，且配送至采购人所在地区', 'A direct order holds one supplier’s products on sale, within stock, delivered to the purchaser’s region'),
  rule('MALL-05', at(MOF74, '第二十九条、第四十五条（参照询价期限；电子卖场竞价期为本平台设置项）', 'arts. 29 and 45 (by analogy with RFQ; the mall’s bidding period is a setting here)'), 'MEM', '电子卖场网上竞价自发布次日起算，竞价期不得少于设定期限（默认3日，可按地区设为日或工作日）', 'A mall bidding runs at least the set period from the day after publication (3 days by default; days or working days per region)'),
  rule('MALL-06', at(EBM, '第二十七条、第二十八条（参照电子投标截止前不得解密、提取投标文件）', 'arts. 27 and 28 (as bids may not be decrypted or extracted before the deadline)'), 'MEM', '准入且配送至采购人所在地区的电子卖场供应商在截止前报价一次，以本公司在售商品对全部清单报价且不超过预算；截止前任何人（含采购人、运营方）不得查看报价、报价人及报价家数', 'Admitted mall suppliers delivering to the purchaser’s region quote once before the close, every line with their own products on sale, within the budget; before the close nobody (purchaser and operator included) sees the quotes, who quoted or how many'),
  rule('MALL-07', at(GPL, '第三十六条（参照符合要求的供应商不足三家的废标规定；最少报价家数与处理方式为本平台设置项）', 'art. 36 (by analogy with failure for fewer than three qualified suppliers; the minimum and its handling are settings here)'), 'MEM', '竞价截止后以符合要求的最低报价成交，报价相同的以先收到者成交；符合要求的报价不足设定家数（默认3家）的竞价失败，或按地区设置由采购人确认是否成交；结果公开', 'At the close the lowest quote meeting the basket wins, ties to the earliest received; with fewer meeting quotes than the set minimum (3 by default) the bidding fails, or where the region allows the purchaser decides; the result is published'),
  rule('MALL-08', at(GPL, '第二十二条（本平台电子卖场入驻审核规则）', 'art. 22 (this platform’s mall admission review)'), 'MEM', '供应商申请入驻电子卖场，所在省级地区的平台运营方审核，准入或不予准入均应说明理由', 'Suppliers apply to join the mall; the operator of their province admits or refuses each, with a reason'),
  // Listings and online auctions (docs/LISTINGS.md); every value is [MEM] and a setting
  rule('LA-01', cite('《企业国有资产交易监督管理办法》（国务院国资委 财政部令第32号）第十三条（条款待核）', 'Measures on State-owned Asset Transactions (SASAC/MoF Order No. 32), art. 13 (article to be checked)'), 'MEM', '产权转让项目正式披露信息时间不得少于20个工作日（按国务院放假通知的工作日计算）', 'A property-rights transfer is formally disclosed (listed) for at least 20 working days (working days of the State Council’s holiday notice)'),
  rule('LA-02', cite('《招标拍卖挂牌出让国有建设用地使用权规定》（国土资源部令第39号）第十八条（条款待核）', 'Provisions on Granting State-owned Construction Land Use Rights by Tender, Auction and Listing (MLR Order No. 39), art. 18 (article to be checked)'), 'MEM', '挂牌时间不得少于10日', 'A land listing lasts at least 10 days'),
  rule('LA-03', cite('《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第十一条；《招标拍卖挂牌出让国有建设用地使用权规定》（国土资源部令第39号）第十九条（条款待核）；国有产权：产权交易机构交易规则', 'SPC Provisions on Online Judicial Auctions, art. 11; MLR Order No. 39, art. 19 (to be checked); state-owned property: the exchange’s trading rules'), 'MEM', '信息披露（挂牌）期满只产生一个符合条件的意向受让方的，按挂牌价协议成交；产生两个以上的，组织竞价；网络司法拍卖一人参与竞拍、出价不低于起拍价的，拍卖成交', 'One qualified bidder at the end of the listing takes the asset at the listed price; two or more go to a bidding; in a judicial auction one bidder bidding at least the starting price wins'),
  rule('LA-04', cite('《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第十二条', 'SPC Provisions on Online Judicial Auctions, art. 12'), 'TXT', '拍卖动产的，应当在拍卖十五日前公告；拍卖不动产或者其他财产权的，应当在拍卖三十日前公告', 'An online judicial auction is announced 15 days ahead for movables, 30 days for real property and other property rights'),
  rule('LA-05', cite('《碳排放权交易管理暂行条例》第十五条；《碳排放权交易管理办法（试行）》（生态环境部令第19号）第二十二条', 'Interim Regulations on Carbon Emission Trading, art. 15; Measures on Carbon Emission Trading (Trial) (MEE Order No. 19), art. 22'), 'TXT', '碳排放权交易可以采取协议转让、单向竞价或者符合国家有关规定的其他现货交易方式；挂牌期限为交易机构规则（本平台设置项）', 'Carbon quotas trade by agreed transfer, one-way bidding or other lawful spot methods; the listing period is the exchange’s rule (a setting here)'),
  rule('LA-06', cite('《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第十七条、第十八条', 'SPC Provisions on Online Judicial Auctions, arts. 17 and 18'), 'TXT', '保证金数额由人民法院在起拍价的百分之五至百分之二十范围内确定；交纳保证金经确认后取得竞买资格；其他类型的比例为本平台设置项', 'A judicial auction’s deposit is 5 % to 20 % of the starting price, and paying it qualifies; other types’ bounds are settings'),
  rule('LA-07', cite('《企业国有资产交易监督管理办法》（国务院国资委 财政部令第32号）（条款待核）', 'SASAC/MoF Order No. 32 (article to be checked)'), 'MEM', '转让方会同产权交易机构对意向受让方的资格进行确认', 'The transferor, with the exchange, confirms the qualification of intending buyers'),
  rule('LA-08', cite('《拍卖法》第三十六条、第五十一条；《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第二十条第一款', 'Auction Law, arts. 36 and 51; SPC Provisions on Online Judicial Auctions, art. 20(1)'), 'TXT', '从起拍价开始以递增出价方式竞价，低于起拍价的出价无效；应价须不低于当前最高价加一个加价幅度；最高应价经确认后拍卖成交（领先者不得自我加价为本平台规则）', 'Bidding rises from the starting price, a bid below it is void, each bid at least the highest plus one increment; the highest bid wins (the leader may not outbid itself: a platform rule)'),
  rule('LA-09', cite('《拍卖法》第五十条、第二十八条', 'Auction Law, arts. 50 and 28'), 'TXT', '拍卖标的有保留价的，竞买人的最高应价未达到保留价时，该应价不发生效力；委托人有权要求拍卖人对保留价保密', 'With a reserve, a highest bid below it has no effect: nothing is sold; the reserve is kept secret'),
  rule('LA-10', cite('《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第二十条第二款', 'SPC Provisions on Online Judicial Auctions, art. 20(2)'), 'TXT', '竞价时间不少于二十四小时；竞价程序结束前五分钟内有出价的，竞价时间自该出价时点顺延五分钟；出价时间以进入平台系统的时间为准（其他类型的 N 为本平台设置项）', 'Bidding lasts at least 24 hours; a bid in the last five minutes extends it to five minutes after that bid; a bid’s time is when it reaches the platform (other types’ N is a setting)'),
  rule('LA-11', cite('《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第二十二条、第二十三条', 'SPC Provisions on Online Judicial Auctions, arts. 22 and 23'), 'TXT', '成交的，以买受人的真实身份生成确认书并公示；买受人交纳的保证金可以充抵价款，其他竞买人的保证金应当在竞价程序结束后二十四小时内退还或者解冻（其他类型按资金退还时限）', 'The confirmation of sale names the buyer and is published; the buyer’s deposit counts towards the price, the others are refunded within 24 hours of the end of the bidding (other types: the money module’s refund limit)'),
  rule('LA-12', cite('《最高人民法院关于人民法院网络司法拍卖若干问题的规定》第十八条第二款', 'SPC Provisions on Online Judicial Auctions, art. 18(2)'), 'TXT', '网络司法拍卖竞价程序结束前，人民法院及网络服务提供者对竞买人以及其他能够确认竞买人真实身份的信息应当予以保密（本平台对各类挂牌项目的审计日志同样保密至结果公布）', 'Until the bidding ends, the court and the platform keep secret who the bidders are (here the audit trail of every listing keeps it secret until the result)'),
];

const BY_ID = new Map(RULE_CITATIONS.map((r) => [r.id, r]));

export function ruleCitation(id: string): RuleCitation | undefined {
  return BY_ID.get(id);
}

/** Only a rule checked against the full statutory text counts as verified. */
export const isVerified = (r: RuleCitation) => r.source === 'TXT';

/** A rule as an error answer cites it: ID, act and article, and whether that citation is verified. */
export function ruleReference(id: string) {
  const r = BY_ID.get(id);
  return r && { id, citation: r.citation, verified: isVerified(r) };
}
