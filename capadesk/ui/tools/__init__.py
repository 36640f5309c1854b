"""The method tools' pages (issue 6): persona and « Comment pourrions-nous ? », Spider Web,
journey map, projection 2027, rétroplanning, Lego builds.

``factory.open_tool(store, operations, workshop_id, step_id, activity, app_paths)`` builds the
tool of a step: ``.view`` for the control window, ``.slide()`` for the projection. Every module
is imported lazily by whoever opens a tool.
"""
