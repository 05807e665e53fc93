#!/usr/bin/env bash
# The sample of every kind of document in this folder, made as an office makes them:
# the demo ledger (xinfang demo), a demo case taken through its whole life, each document
# written with `xinfang notice`, then turned into PDF by LibreOffice.
#
# Needs xinfang installed and LibreOffice with CJK fonts (Debian: libreoffice-writer-nogui
# fonts-noto-cjk). The office fonts the documents name (仿宋_GB2312, 方正小标宋简体, 黑体,
# 宋体) are not free: here they are shown in Noto Serif/Sans CJK SC instead, so the faces
# differ from an office PC's while the page, sizes and places are the documents' own.
#
#   bash docs/notices/make-samples.sh [OUT]      (OUT: this folder by default)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(cd "${1:-$here}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export XINFANG_DB="$work/demo.db" XINFANG_TODAY=2026-11-23 XINFANG_OFFICER=王专干
xinfang demo --db "$XINFANG_DB" >/dev/null 2>&1

# The demo case: 刘敏's letter of 2026-10-25 (XF-DEMO-2026-00055), assigned to the
# district's education bureau; the list of units knows the district above it (it reviews)
# and the city above that (it rechecks).
case=2026-55
xinfang unit add 大连市人民政府 --level 市 >/dev/null 2>&1
xinfang unit add 大连市中山区人民政府 --level 县区 --parent 大连市人民政府 >/dev/null 2>&1
xinfang unit add 中山区教育局 --level 县区 --parent 大连市中山区人民政府 >/dev/null 2>&1
xinfang forward $case --to 中山区教育局 --assign --report-by 2026-11-30 --on 2026-10-27 >/dev/null 2>&1
xinfang accept $case --on 2026-10-30 >/dev/null 2>&1
xinfang extend $case --days 15 --reason 需要会同自然资源部门核实学区划片依据 --approved-by 区教育局局长李明 --on 2026-11-02 >/dev/null 2>&1
xinfang close $case --result partly --opinion "经核查，你所在小区划入第二十七中学学区符合2026年学区划分方案；对你子女的实际困难，区教育局同意在学位有余时予以协调。" --on 2026-11-05 >/dev/null 2>&1
xinfang review $case request --on 2026-11-08 >/dev/null 2>&1
xinfang review $case conclude --note "经复查，原处理意见认定事实清楚，适用政策正确，予以维持。" --on 2026-11-12 >/dev/null 2>&1
xinfang recheck $case request --on 2026-11-15 >/dev/null 2>&1
xinfang recheck $case conclude --note "经复核，复查意见认定事实清楚，处理恰当，予以维持。" --on 2026-11-20 >/dev/null 2>&1
xinfang followup $case --satisfaction 基本满意 --note 电话回访，信访人表示理解 --on 2026-11-21 >/dev/null 2>&1

# Each document dated as an office dates it: the day of the act it reports.
mkdir docs
write() {  # CASE KIND NAME [DATE]
  xinfang notice "$1" "$2" -o "docs/$3.docx" ${4:+--on "$4"} >/dev/null
}
write $case receipt receipt 2026-10-25
write $case assign assign 2026-10-27
write $case forward-notice forward-notice 2026-10-27
write $case accept accept 2026-10-30
write $case extension extension 2026-11-02
write $case opinion opinion 2026-11-05
write $case review review 2026-11-12
write $case recheck recheck 2026-11-20
write $case followup followup 2026-11-21
write $case delivery delivery            # every document above, delivered together
write 2026-52 forward forward 2026-10-26 # 赵伟明: forwarded to 人社局
write 2026-52 visit-form visit-form 2026-10-22  # 赵伟明 came in person: the form he signs
xinfang reject 2026-39 --reason no_remit --text "所反映的物业收费标准由业主与物业服务企业在物业服务合同中约定，可依合同协商解决" --on 2026-11-20 >/dev/null 2>&1
write 2026-39 not-accept not-accept 2026-11-20  # 尼玛旺堆: not accepted
write 2026-57 redirect redirect          # 石强东: told to go to court
write 2026-23 major major                # 雷文新 and 52 others: a collective visit
# A confidential (检举控告) case forwarded: the slip never names the whistle-blower.
xinfang register --name 王某 --phone 13800138000 --channel 来信 --category 纪检监察 \
  --content 反映某村干部在征地补偿中优亲厚友 --confidential --on 2026-11-18 >/dev/null 2>&1
xinfang forward 2026-61 --to 农业农村局 --on 2026-11-19 >/dev/null 2>&1
write 2026-61 forward forward-confidential 2026-11-19

# The office fonts, by their names, in the free faces this machine has.
cat > fonts.conf <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
CONF
FONTCONFIG_FILE="$work/fonts.conf" soffice --headless -env:UserInstallation=file://"$work"/lo \
  --convert-to pdf --outdir "$out" docs/*.docx >/dev/null 2>&1
ls "$out"/*.pdf
