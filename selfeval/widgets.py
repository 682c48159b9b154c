"""The audit panel for JupyterLab: pick a department, see its findings, change a figure, note, save, export.

Only wiring lives here: loading, checking, editing, notes and exporting are the package's own functions.
"""
from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

import ipywidgets as w

from .adjusted import export_copy, save_copy, suggest_code
from .checks import REGISTRY, Finding, run_checks, text_findings_of
from .edit import editable_paths, editable_words, figure, owner_name, with_figure, with_word, word
from .discover import in_folder
from .dossier_load import open_dossier
from .errors import InputError
from .sources_file import read_sidecar
from .fields import FieldReader
from .loader import CODE, load
from .model import Report
from .money import fmt
from .notes import STATUSES, Reviewed, finding_key, load_notes, make_note, review, reviewer, save_notes, shown
from .panelsources import quote_html
from .panelview import cross_html, document_labels, findings_html, picker_label
from .tables import SEVERITY_ZH

ALL = "全部"
NOTE_CHOICES = [("未处理", "")] + [(zh, key) for key, zh in STATUSES.items()]
FIELD_ZH = {"amount": "金额", "share": "占比%", "score": "得分", "total": "本年合计", "grand_total": "总计",
            "budget": "预算数", "spent": "执行数", "initial_budget": "年初预算数", "full_year_budget": "全年预算数",
            "executed": "全年执行数", "weight": "分值", "min_score": "所称最低得分", "opening": "年初结转和结余",
            "surplus_used": "使用非财政拨款结余", "distribution": "结余分配", "closing": "年末结转和结余",
            "administrative": "行政编制", "institutional": "事业编制", "change": "编制变动", "grade": "等级",
            "min_grade": "所称最低等级", "project_count": "所称项目个数", "target": "年度指标值", "actual": "实际完成值"}
# figures that may be below 0 (a score is judged by GRD-001 / SCR-003; a head count change may be negative)
_SIGNED = (".score", ".change")


class AuditPanel(w.VBox):
    """Every department of a params folder, audited by hand; the checks re-run on every change."""

    def __init__(self, params_dir: str | Path, out_dir: str | Path = "exports", reviewer_name: str | None = None):
        self.params_dir, self.out_dir = Path(params_dir), Path(out_dir)
        self.originals: dict[str, Report] = {}
        self.problems: list[str] = []
        for path in in_folder(self.params_dir, workbooks=False):
            try:
                self.originals[str(path)] = load(path)
            except InputError as exc:
                self.problems.append(str(exc))
        self.reports = dict(self.originals)
        # a department read from a report: each figure's place and words in the document, shown beside its field
        self.sources = {p: self._sources(p) for p in self.originals}
        self._quotes: dict[str, w.HTML] = {}
        self.dossier = open_dossier(self.params_dir)  # one department's documents: checked against each other too
        super().__init__(self._build(reviewer(reviewer_name)))
        self._relabelling = False
        self.picker.observe(lambda _: None if self._relabelling else self._show_department(), "value")
        self.severity.observe(lambda _: self._refresh(), "value")
        self.check_filter.observe(lambda _: self._refresh(), "value")
        self.failing_only.observe(lambda _: self._refresh(), "value")
        self.show_na.observe(lambda _: self._refresh(), "value")
        self.save_button.on_click(lambda _: self.save())
        self.export_button.on_click(lambda _: self.export())
        self._update_picker()
        if self.originals:
            self.picker.value = next(iter(self.originals))

    def _build(self, by: str) -> list[w.Widget]:
        """The panel's widgets, top to bottom."""
        self.reviewer = w.Text(value=by, description="复核人", layout=w.Layout(width="20em"))
        self.picker = w.Dropdown(description="部门", layout=w.Layout(width="36em"))
        self.severity = w.ToggleButtons(options=[ALL, *SEVERITY_ZH.values()], value=ALL, description="级别")
        self.check_filter = w.Dropdown(options=[ALL, *REGISTRY], value=ALL, description="检查")
        # 44–130 rows a department: what needs a reviewer's eye first, the rest one tick away
        self.failing_only = w.Checkbox(value=True, description="只看不通过")
        self.show_na = w.Checkbox(value=False, description="显示不适用")
        self.summary, self.table, self.cross = w.HTML(), w.HTML(), w.HTML()
        self.fields_box, self.notes_box = w.VBox(), w.VBox()
        self.save_code = w.Text(description="新部门代码", layout=w.Layout(width="22em"))
        self.save_name = w.Text(description="另存为", layout=w.Layout(width="30em"))
        self.overwrite = w.Checkbox(value=False, description="允许覆盖已有文件")
        self.save_button, self.export_button = w.Button(description="另存为"), w.Button(description="导出 HTML 和 PDF")
        self.status = w.HTML()
        for widget, name in ((self.picker, "picker"), (self.severity, "severity"), (self.check_filter, "check-filter"),
                             (self.table, "findings"), (self.cross, "cross"), (self.summary, "summary"), (self.status, "status"),
                             (self.save_button, "save"), (self.export_button, "export"), (self.reviewer, "reviewer"),
                             (self.failing_only, "failing-only"), (self.show_na, "show-na")):
            widget.add_class(f"selfeval-{name}")
        problems = w.HTML("<br>".join(html.escape(p) for p in self.problems)) if self.problems else w.HTML()
        return [problems, self.reviewer, self.picker, self.summary, w.HBox([self.severity, self.check_filter]),
                w.HBox([self.failing_only, self.show_na]),
                self.table, self.cross, w.HTML("<b>审核意见</b>"), self.notes_box, w.HTML("<b>可修改的数字</b>"), self.fields_box,
                w.HBox([self.save_code, self.save_name, self.overwrite, self.save_button]), self.export_button,
                self.status]

    def _sources(self, path: str) -> dict | None:
        """A department's sources sidecar; a broken one is listed among the folder's problems, its quotes left out."""
        try:
            return read_sidecar(Path(path))
        except InputError as exc:
            self.problems.append(str(exc))
            return None

    @property
    def path(self) -> str:
        """The params file of the department shown."""
        return self.picker.value

    @property
    def report(self) -> Report:
        """The department shown, with the user's edits."""
        return self.reports[self.path]

    def checked(self, path: str) -> list[Finding]:
        """A department's findings as its figures stand: the registered checks, and the text checks (TXT-xxx) its
        report gave when it was read (they judge the document's words, which no edit of a figure changes)."""
        return run_checks(self.reports[path]) + text_findings_of(self.sources.get(path))

    def findings(self) -> list[Finding]:
        """The findings for the department shown, after the filters: failing ones only unless unticked, 不适用
        only when asked."""
        severity = {zh: key for key, zh in SEVERITY_ZH.items()}.get(self.severity.value)
        return [f for f in self.checked(self.path)
                if (f.status == "fail" or not self.failing_only.value and (f.status != "n/a" or self.show_na.value))
                and (severity is None or f.severity == severity)
                and (self.check_filter.value == ALL or f.check == self.check_filter.value)]

    def _update_picker(self) -> None:
        current = self.picker.value
        # New options reset the value, which would reload the department under the user's hands.
        self._relabelling = True
        try:
            labels = document_labels(self.dossier)
            self.picker.options = [(picker_label(r, self.checked(p), labels.get(str(Path(p).resolve()), "")), p)
                                   for p, r in self.reports.items()]
            if current in self.reports:
                self.picker.value = current
        finally:
            self._relabelling = False

    def _show_department(self) -> None:
        code = suggest_code(self.report.department.code, {r.department.code for r in self.originals.values()})
        self.save_code.value = code
        self.save_name.value = f"{code}-{self.report.department.year}.yaml"
        self._quotes = {}
        self.fields_box.children = ([self._field(p) for p in editable_paths(self.report)]
                                    + [self._word_field(p) for p in editable_words(self.report)])
        self._refresh()

    def _field(self, path: str) -> w.HBox:
        value = figure(self.report, path)
        label = w.Label(self._field_label(path), layout=w.Layout(width="22em"))
        text = w.Text(value=fmt(value), continuous_update=False, layout=w.Layout(width="10em"))
        text.add_class("selfeval-field-" + path.replace(".", "-").replace("[", "-").replace("]", ""))
        error = w.HTML()
        text.observe(lambda change: self.set_figure(path, change["new"], error), "value")
        side = self.sources[self.path]
        if side is None:  # a typed params file: no document to quote
            return w.HBox([label, text, error])
        opened = figure(self.originals[self.path], path)  # edits made before switching department stay shown
        self._quotes[path] = w.HTML(quote_html(side["sources"].get(path), value, opened))
        return w.HBox([label, text, error, self._quotes[path]])

    def _word_field(self, path: str) -> w.HBox:
        label = w.Label(self._field_label(path), layout=w.Layout(width="22em"))
        text = w.Text(value=word(self.report, path), continuous_update=False, layout=w.Layout(width="10em"))
        text.add_class("selfeval-field-" + path.replace(".", "-").replace("[", "-").replace("]", ""))
        error = w.HTML()
        text.observe(lambda change: self.set_word(path, change["new"], error), "value")
        return w.HBox([label, text, error])

    def set_word(self, path: str, text: str, error: w.HTML | None = None) -> bool:
        """Take a typed grade, claim word or target: one the report cannot take shows why, the last good one stays."""
        try:
            edited = with_word(self.report, path, text)
        except ValueError as bad:
            if error is not None:
                kept = word(self.report, path) or "未填"
                error.value = f'<span style="color:#b00">{html.escape(str(bad))}（仍按“{html.escape(kept)}”）</span>'
            return False
        if error is not None:
            error.value = ""
        self.reports[self.path] = edited
        self._refresh()
        self._update_picker()
        return True

    def _field_label(self, path: str) -> str:
        last = path.rpartition(".")[2]
        part = "执行率" if ".execution." in path else ""
        return f"{owner_name(self.report, path)}（{part}{FIELD_ZH.get(last, last)}）"

    def set_figure(self, path: str, text: str, error: w.HTML | None = None) -> bool:
        """Take a typed figure: a bad one shows an inline error and the last good value stays in force."""
        negative = path.endswith(_SIGNED)
        value = FieldReader("panel").number(text, path, negative=negative, percent=path.endswith(".share"))
        message = "" if value is not None else "请输入数字，如 12.34" + ("" if negative else "，且不小于 0")
        if error is not None:
            kept = fmt(figure(self.report, path))
            error.value = f'<span style="color:#b00">{html.escape(message)}（仍按 {kept} 计算）</span>' if message else ""
        if value is None:
            return False
        self.reports[self.path] = with_figure(self.report, path, value)
        if path in self._quotes:  # the auditor sees, before saving, that the read value will be kept beside
            source = self.sources[self.path]["sources"].get(path)  # type: ignore[index]
            self._quotes[path].value = quote_html(source, value, figure(self.originals[self.path], path))
        self._refresh()
        self._update_picker()
        return True

    def reviewed(self) -> Reviewed:
        """The department's notes sorted against its findings as the figures stand: current and stale."""
        return review(load_notes(self.path), self.checked(self.path))

    def _refresh(self) -> None:
        notes = self.reviewed()
        self.table.value = findings_html(self.findings(), notes)
        self.summary.value = self._summary_html()
        failing = [f for f in self.findings() if f.status == "fail"]
        self.notes_box.children = [self._note_row(f, notes) for f in failing]
        self.cross.value = cross_html(self.dossier, self.reports) if self.dossier is not None else ""

    def _summary_html(self) -> str:
        r, unit = self.report, self.report.department.unit
        lines = [f"{label}合计 {fmt(s.total)}{unit}，各项之和 {fmt(sum((i.amount for i in s.items), Decimal(0)))}{unit}"
                 for label, s in (("收入", r.income), ("支出", r.expenditure))]
        if r.claims and r.claims.grade:
            lines.append(f"报告等级 {r.claims.grade}")
        lines += [f"{p.name}：得分 {fmt(p.score)}，等级 {p.grade or '未列'}" for p in r.projects if p.score is not None]
        failing = [f for f in self.checked(self.path) if f.status == "fail"]
        counts = "，".join(f"{zh} {sum(1 for f in failing if f.severity == s)}" for s, zh in SEVERITY_ZH.items())
        return "<br>".join(html.escape(x) for x in [f"不通过：{counts}", *lines])

    def _note_row(self, f: Finding, notes: Reviewed) -> w.HBox:
        key = finding_key(f.check, f.where)
        note, why = notes.current.get(key), ""
        if note is None and key in notes.stale:
            note, why = notes.stale[key]
        note = note or {}
        status = w.Dropdown(options=NOTE_CHOICES, value=note.get("status", ""), layout=w.Layout(width="8em"))
        text = w.Text(value=str(note.get("note", "")), placeholder="说明", continuous_update=False,
                      layout=w.Layout(width="30em"))
        stale = w.HTML(f'<span style="color:#777">【已过期：{html.escape(why)}】请重新确认</span>' if why else "")

        def changed(_: object) -> None:
            """Save the note as now chosen, signed and with a copy of the finding (or drop it: 未处理)."""
            current = load_notes(self.path)
            if status.value:
                edited = self.report != self.originals[self.path]
                current[key] = make_note(f, status.value, text.value, self.reviewer.value.strip() or reviewer(),
                                         edited=edited)
            else:
                current.pop(key, None)
            save_notes(self.path, current)
            self.table.value = findings_html(self.findings(), self.reviewed())

        status.observe(changed, "value")
        text.observe(changed, "value")
        message = w.HTML(f'<span class="selfeval-note-message">{html.escape(f.message)}</span>')
        return w.HBox([w.Label(f"{f.check} {f.where}", layout=w.Layout(width="22em")), status, text, stale, message])

    def save(self) -> Path | None:
        """Write the edited figures to a new params file with a department code of its own; never overwrite unasked."""
        code = self.save_code.value.strip()
        target = self.params_dir / Path(self.save_name.value.strip() or f"{code}.yaml").name
        if target.suffix not in (".yaml", ".yml"):
            target = target.with_suffix(".yaml")
        taken = {r.department.code: p for p, r in self.originals.items() if Path(p).resolve() != target.resolve()}
        if not CODE.fullmatch(code):
            self.status.value = "新部门代码只能用小写字母 a-z、数字 0-9 和 -（1 至 64 个字符）。"
            return None
        if code in taken:
            self.status.value = (f"部门代码 {html.escape(code)} 已是 {html.escape(Path(taken[code]).name)} 的代码；"
                                 "另存的副本须有自己的代码，否则批量运行会把两份文件判为同一部门。")
            return None
        if target.exists() and not self.overwrite.value:
            self.status.value = f"{html.escape(str(target))} 已存在；如要覆盖，请先勾选“允许覆盖已有文件”。"
            return None
        save_copy(self.originals[self.path], self.report, target, code, self.reviewer.value.strip() or reviewer())
        sourced = "；原文来源及审核人更正一并保存" if self.sources[self.path] is not None else ""
        self.status.value = f"已保存：{html.escape(str(target))}（部门代码 {html.escape(code)}）{sourced}"
        return target

    def export(self) -> dict[str, Path]:
        """The department's HTML and PDF from its current figures, in a folder of its own (复核调整稿 when edited)."""
        self.status.value = "正在导出……"
        package = export_copy(self.originals[self.path], self.report, self.out_dir,
                              self.reviewer.value.strip() or reviewer())
        if package.failed:
            self.status.value = f"导出失败：{html.escape(package.failed[0].error)}"
            return {}
        outputs = package.outcomes[0].outputs
        self.status.value = (f"已导出到 {html.escape(str(package.out))}："
                             + "，".join(html.escape(p.name) for p in outputs.values()))
        return outputs
