"""A plain AutoGen app: AssistantAgent + disk_workbench(disk) in a RoundRobinGroupChat, driven by a replay client."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import pytest
from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import MaxMessageTermination, TextMentionTermination
from autogen_agentchat.messages import ToolCallExecutionEvent
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_core import FunctionCall
from autogen_core.models import CreateResult, ModelFamily, ModelInfo, RequestUsage
from autogen_ext.models.replay import ReplayChatCompletionClient

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.office import ColumnSpec, SheetSpec, SpreadsheetSpec, read_document, render_artifact
from synthcomp_agents.tools import disk_workbench

MODEL_INFO = ModelInfo(
    vision=False,
    function_calling=True,
    json_output=False,
    family=ModelFamily.UNKNOWN,
    structured_output=False,
    multiple_system_messages=True,
)


def _tool_call(call_id: str, name: str, arguments: Mapping[str, object]) -> CreateResult:
    return CreateResult(
        finish_reason="function_calls",
        content=[FunctionCall(id=call_id, name=name, arguments=json.dumps(arguments))],
        usage=RequestUsage(prompt_tokens=10, completion_tokens=5),
        cached=False,
    )


@pytest.mark.asyncio
async def test_agent_reads_spreadsheet_and_writes_report() -> None:
    disk = VirtualDisk(user="ana", os="windows")
    sheet = SheetSpec(
        name="Expenses",
        columns=[ColumnSpec(header="Category"), ColumnSpec(header="Amount", number_format="#,##0.00")],
        rows=[["Travel", 1850], ["Venue", 3200], ["Catering", 1475], ["Total", "=SUM(B2:B4)"]],
    )
    disk.write_bytes("Documents/Offsite/expenses.xlsx", render_artifact(SpreadsheetSpec(sheets=[sheet]), "xlsx"))

    report = {
        "path": "~/Documents/Offsite/expense_report.docx",
        "title": "Offsite expense report",
        "blocks": [
            {"type": "heading", "text": "Total spend"},
            {"type": "paragraph", "text": "The offsite cost **6,525.00** in total (travel, venue and catering)."},
            {
                "type": "table",
                "header": ["Category", "Amount"],
                "rows": [["Travel", 1850], ["Venue", 3200], ["Catering", 1475], ["Total", 6525]],
            },
        ],
    }
    client = ReplayChatCompletionClient(
        [
            _tool_call("call_1", "read_file", {"path": "~/Documents/Offsite/expenses.xlsx"}),
            _tool_call("call_2", "create_document", report),
            "The expense report is saved in Documents\\Offsite. TERMINATE",
        ],
        model_info=MODEL_INFO,
    )
    agent = AssistantAgent(
        "analyst",
        model_client=client,
        workbench=disk_workbench(disk, actor="analyst"),
        system_message="You are Ana's assistant. Use the tools to read files and write reports.",
        max_tool_iterations=4,
    )
    team = RoundRobinGroupChat(
        [agent],
        termination_condition=TextMentionTermination("TERMINATE", sources=["analyst"]) | MaxMessageTermination(12),
    )
    result = await team.run(task="Summarise the offsite expenses into a Word report.")

    executions = [m for m in result.messages if isinstance(m, ToolCallExecutionEvent)]
    outputs = [r for m in executions for r in m.content]
    assert [r.name for r in outputs] == ["read_file", "create_document"]
    assert not any(r.is_error for r in outputs), [r.content for r in outputs]
    read_text = outputs[0].content
    assert "=SUM(B2:B4)" in read_text and re.search(r"6,?525", read_text), read_text
    assert "C:\\Users\\ana\\Documents\\Offsite\\expense_report.docx" in outputs[1].content

    assert disk.exists("Documents/Offsite/expense_report.docx")
    text = read_document("expense_report.docx", disk.read_bytes("Documents/Offsite/expense_report.docx")).text
    assert "Total spend" in text and "6,525.00" in text
    assert disk.journal()[-1].actor == "analyst"
    # The model saw the tools with descriptions (the second model call carries the first tool result).
    assert len(client.create_calls) == 3
    tools_sent = client.create_calls[0]["tools"]
    assert {t["name"] for t in tools_sent} >= {"read_file", "create_document"}
