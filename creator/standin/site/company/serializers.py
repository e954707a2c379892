"""Stand-in for ``company.serializers``: serializers of companies and their parts.

Mirrors: ``src/backend/InvenTree/company/serializers.py``. ``CompanySerializer``,
``ContactSerializer``, ``AddressSerializer``, ``ManufacturerPartSerializer`` and
``SupplierPartSerializer`` serialize every field of the stand-in models and accept InvenTree's
``*_detail`` options (nested details are left out). Left out: price break serializers.
"""

from __future__ import annotations

from InvenTree.serializers import _model_serializer

from company import models as company_models

CompanySerializer = _model_serializer(company_models.Company, "CompanySerializer", "A company.")
ContactSerializer = _model_serializer(
    company_models.Contact, "ContactSerializer", "A contact person of a company."
)
AddressSerializer = _model_serializer(
    company_models.Address, "AddressSerializer", "An address of a company."
)
ManufacturerPartSerializer = _model_serializer(
    company_models.ManufacturerPart, "ManufacturerPartSerializer", "A manufacturer's part."
)
SupplierPartSerializer = _model_serializer(
    company_models.SupplierPart, "SupplierPartSerializer", "A supplier's part."
)
