<#assign subject><#if lead.firstName??>${lead.firstName}, cómo<#else>Cómo</#if> lo resolvió un equipo parecido al tuyo</#assign>
Hola<#if lead.firstName??> ${lead.firstName}</#if>:

<#include "_opening.es.ftl">
Si<#if lead.company??> en ${lead.company}</#if> ya tienes claro que quieres medir mejor el retorno de tus campañas, el siguiente paso suele ser comparar enfoques: hacerlo a mano, con el CRM o con una herramienta específica.

Para decidir con datos, te comparto un caso real, «${content.title}»: una empresa de servicios B2B que pasó de informes mensuales en hojas de cálculo a ver cada semana qué campañas generaban oportunidades. Cuenta qué probaron, qué no funcionó y cuánto tiempo les llevó:
${content.url}

Incluye una plantilla de comparación para puntuar cada alternativa según tus propios criterios: coste de implantación, tiempo de tu equipo y calidad de los datos.

No es una propuesta ni lleva precios: es para que tu equipo lo evalúe a su ritmo.

¿Qué criterio pesa más para ti a la hora de elegir una solución?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
